import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { InvalidPayloadError } from '../actions/errors.js';
import { recordRefusal } from '../actions/refusals.js';
import type { SlackContext } from '../actions/types.js';
import type { AppDeps } from '../deps.js';
import { ackLatency } from '../slack/ackLatency.js';
import { decodeApprovalValue } from '../views/buttonValue.js';
import { APPROVAL_ACTION_IDS } from '../views/ids.js';
import { clickPlace } from './clickPlace.js';

/**
 * Approve or Reject on a request for approval. Who clicks is authorized on every click and the
 * value checked against the stored request; the decision and what follows are the Approvals'.
 */
export function approvalButton(deps: AppDeps) {
  return async ({ ack, body, action, context }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    ackLatency(deps.metrics, 'action', context);
    // A message in a channel, or App Home (a view, no channel of its own).
    const { channelId, teamId, messageTs, threadTs, answerThreadTs, fromEphemeral } = clickPlace(body);
    // From App Home there is no channel: the user id stands for the clicker's messages with the app
    // (the responder posts there rather than answering in a channel).
    const slack: SlackContext = {
      teamId,
      channelId: channelId ?? body.user.id,
      userId: body.user.id,
      source: 'button',
      responseUrl: body.response_url,
      threadTs,
      answerThreadTs,
      fromEphemeral,
    };
    await deps.inFlight.run(async () => {
      const value = decodeApprovalValue(action.value ?? '');
      if (value === undefined) {
        const error = new InvalidPayloadError(`undecodable approval button value for ${action.action_id}`);
        await recordRefusal(deps, slack, { action: 'approval', params: { value: (action.value ?? '').slice(0, 500) }, outcome: 'invalid', error });
        throw error;
      }
      await deps.approvals.decide({
        outcome: action.action_id === APPROVAL_ACTION_IDS.approve ? 'approved' : 'rejected',
        value,
        messageTs: channelId === undefined ? undefined : messageTs,
        slack,
      });
    });
  };
}
