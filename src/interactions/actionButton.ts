import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { InvalidPayloadError } from '../actions/errors.js';
import { recordRefusal } from '../actions/refusals.js';
import type { SlackContext } from '../actions/types.js';
import type { AppDeps } from '../deps.js';
import { ackLatency } from '../slack/ackLatency.js';
import { decodeButtonValue } from '../views/buttonValue.js';
import { clickPlace } from './clickPlace.js';

/**
 * A click on Hold / Unhold / Hang up / Resume / Abort: the same pipeline as a typed command.
 * The value is decoded with zod and then validated and authorized again like any request.
 */
export function actionButton(deps: AppDeps) {
  return async ({ ack, body, action, context }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    ackLatency(deps.metrics, 'action', context);
    const place = clickPlace(body);
    const { channelId } = place;
    if (channelId === undefined) throw new InvalidPayloadError('click without a channel');
    const slack: SlackContext = {
      teamId: place.teamId,
      channelId,
      userId: body.user.id,
      source: 'button',
      responseUrl: body.response_url,
      triggerId: body.trigger_id,
      threadTs: place.threadTs ?? place.messageTs,
      answerThreadTs: place.answerThreadTs,
      fromEphemeral: place.fromEphemeral,
    };
    await deps.inFlight.run(async () => {
      const value = decodeButtonValue(action.value ?? '');
      // A button carries a member action of the catalogue, nothing else (a forged `run` stops here).
      if (value === undefined || deps.catalogue.memberAction(value.a) === undefined) {
        const error = new InvalidPayloadError(`undecodable button value for ${action.action_id}`);
        await recordRefusal(deps, slack, {
          action: 'button',
          params: { value: (action.value ?? '').slice(0, 500) },
          outcome: 'invalid',
          error,
        });
        throw error;
      }
      await deps.pipeline.execute({ action: value.a, phlo: value.p, node: value.n, input: { member: value.m }, slack });
    });
  };
}
