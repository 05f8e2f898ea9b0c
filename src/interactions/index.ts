import type { App, BlockButtonAction } from '@slack/bolt';
import type { AppDeps } from '../deps.js';
import { ACTION_BUTTON_PATTERN } from '../views/ids.js';
import { actionButton } from './actionButton.js';

export function registerInteractions(app: App, deps: AppDeps): void {
  app.action<BlockButtonAction>({ type: 'block_actions', action_id: ACTION_BUTTON_PATTERN }, actionButton(deps));
}
