import type { App } from '@slack/bolt';
import type { AppDeps } from '../deps.js';
import { appHomeOpened } from './appHome.js';
import { unhandledEvents } from './unhandled.js';

/**
 * The Events API event types phlo-bot listens for: the manifest's `bot_events`. `function_executed`
 * is the Workflow Builder steps' (src/workflows), by callback id.
 */
export const HANDLED_EVENTS = ['app_home_opened', 'function_executed'] as const;

/** Events API listeners: the App Home tab; any other event type is logged and counted. */
export function registerEvents(app: App, deps: AppDeps): void {
  app.use(unhandledEvents(deps, HANDLED_EVENTS));
  app.event('app_home_opened', appHomeOpened(deps));
}
