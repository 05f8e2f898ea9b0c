import type { AllMiddlewareArgs, BlockStaticSelectAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { InvalidPayloadError } from '../actions/errors.js';
import type { AppDeps } from '../deps.js';
import { ackLatency } from '../slack/ackLatency.js';
import { MODAL_ACTION_IDS } from '../views/ids.js';
import { decodeModalMetadata, nodeFormOf, redrawnForm, splitNodeValue, type TargetChoice } from '../views/modals/index.js';
import { formContext, withCallMembers } from './formContext.js';

/**
 * A PHLO (or, in the member form, a node) chosen in a node form: the form is drawn again for it
 * (views.update with the view's hash), so the node select lists that PHLO's nodes and the member
 * select that call's members. Nothing is trusted: an id the configuration lacks is refused, and the
 * submission is read and authorized as always.
 */
export function modalTarget(deps: AppDeps) {
  return async ({ ack, body, action, context }: SlackActionMiddlewareArgs<BlockStaticSelectAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    ackLatency(deps.metrics, 'action', context);
    const view = body.view;
    const kind = view === undefined ? undefined : nodeFormOf(view.callback_id);
    const metadata = decodeModalMetadata(view?.private_metadata);
    if (view === undefined || kind === undefined || metadata === undefined) throw new InvalidPayloadError('a PHLO or node chosen outside a node form');
    const value = action.selected_option.value;
    const choice: TargetChoice = action.action_id === MODAL_ACTION_IDS.phlo ? { phloId: value } : { nodeValue: value };
    let ctx = formContext(deps, metadata.channelId, body.user.id);
    if (kind === 'member') {
      const node = 'nodeValue' in choice ? splitNodeValue(choice.nodeValue) : undefined;
      const prefill = 'phloId' in choice ? { phlo: choice.phloId } : { phlo: node?.phloId, node: node?.nodeId };
      ctx = await withCallMembers(deps, body.team?.id ?? body.user.team_id ?? '', ctx, prefill);
    }
    const next = redrawnForm(ctx, kind, view.state.values, choice);
    if (next === undefined) throw new InvalidPayloadError('a PHLO or node the configuration does not name');
    await deps.inFlight.run(() => deps.replies.updateModal(view.id, view.hash, next));
  };
}
