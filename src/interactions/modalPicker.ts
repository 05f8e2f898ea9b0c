import type { AllMiddlewareArgs, BlockStaticSelectAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { InvalidPayloadError } from '../actions/errors.js';
import type { AppDeps } from '../deps.js';
import { ackLatency } from '../slack/ackLatency.js';
import { decodeModalMetadata, modalForPickedAction, pickerChoice } from '../views/modals/index.js';
import { formContext, withCallMembers } from './formContext.js';

/** The action picker: choosing an action turns the modal into that action's form (views.update). */
export function modalPicker(deps: AppDeps) {
  return async ({ ack, body, action, context }: SlackActionMiddlewareArgs<BlockStaticSelectAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    ackLatency(deps.metrics, 'action', context);
    const choice = pickerChoice(deps.catalogue, action.selected_option.value);
    const metadata = decodeModalMetadata(body.view?.private_metadata);
    if (choice === undefined || metadata === undefined || body.view === undefined) {
      throw new InvalidPayloadError('action picker without a known action or channel');
    }
    const plain = formContext(deps, metadata.channelId, body.user.id);
    // A member action's form offers the members on the channel's call.
    const ctx = deps.catalogue.memberAction(choice) === undefined ? plain : await withCallMembers(deps, body.team?.id ?? body.user.team_id ?? '', plain, {});
    const view = modalForPickedAction(choice, ctx);
    await deps.inFlight.run(() => deps.replies.updateModal(body.view?.id ?? '', body.view?.hash, view));
  };
}
