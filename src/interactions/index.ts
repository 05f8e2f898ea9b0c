import type { App, BlockButtonAction, BlockStaticSelectAction } from '@slack/bolt';
import type { AppDeps } from '../deps.js';
import { ACTION_BUTTON_PATTERN, MODAL_ACTION_IDS, MODAL_CALLBACK_IDS } from '../views/ids.js';
import { actionButton } from './actionButton.js';
import { modalPicker } from './modalPicker.js';
import { modalSubmission } from './modalSubmission.js';

export function registerInteractions(app: App, deps: AppDeps): void {
  app.action<BlockButtonAction>({ type: 'block_actions', action_id: ACTION_BUTTON_PATTERN }, actionButton(deps));
  app.action<BlockStaticSelectAction>({ type: 'block_actions', action_id: MODAL_ACTION_IDS.picker }, modalPicker(deps));
  const { call, transfer, member, run } = MODAL_CALLBACK_IDS;
  for (const callbackId of [call, transfer, member, run]) {
    app.view({ type: 'view_submission', callback_id: callbackId }, modalSubmission(deps));
  }
}
