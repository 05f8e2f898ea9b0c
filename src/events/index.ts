import type { App } from '@slack/bolt';
import type { AppDeps } from '../deps.js';
import { appHomeOpened } from './appHome.js';

/** Events API listeners: the App Home tab. */
export function registerEvents(app: App, deps: AppDeps): void {
  app.event('app_home_opened', appHomeOpened(deps));
}
