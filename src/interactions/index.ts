import type { App, BlockButtonAction, BlockStaticSelectAction } from '@slack/bolt';
import type { AppDeps } from '../deps.js';
import { ACTION_BUTTON_PATTERN, APPROVAL_ACTION_IDS, MODAL_ACTION_IDS, MODAL_CALLBACK_IDS, MODAL_NODE_ACTION_PATTERN } from '../views/ids.js';
import { actionButton } from './actionButton.js';
import { approvalButton } from './approvalButton.js';
import { modalPicker } from './modalPicker.js';
import { modalSubmission } from './modalSubmission.js';
import { modalTarget } from './modalTarget.js';

export function registerInteractions(app: App, deps: AppDeps): void {
  app.action<BlockButtonAction>({ type: 'block_actions', action_id: ACTION_BUTTON_PATTERN }, actionButton(deps));
  for (const actionId of [APPROVAL_ACTION_IDS.approve, APPROVAL_ACTION_IDS.reject]) {
    app.action<BlockButtonAction>({ type: 'block_actions', action_id: actionId }, approvalButton(deps));
  }
  app.action<BlockStaticSelectAction>({ type: 'block_actions', action_id: MODAL_ACTION_IDS.picker }, modalPicker(deps));
  // A node form's PHLO (and the member form's node) redraws the form for it.
  for (const actionId of [MODAL_ACTION_IDS.phlo, MODAL_NODE_ACTION_PATTERN]) {
    app.action<BlockStaticSelectAction>({ type: 'block_actions', action_id: actionId }, modalTarget(deps));
  }
  const { call, transfer, member, run } = MODAL_CALLBACK_IDS;
  for (const callbackId of [call, transfer, member, run]) {
    app.view({ type: 'view_submission', callback_id: callbackId }, modalSubmission(deps));
  }
}
