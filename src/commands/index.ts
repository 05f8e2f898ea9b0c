import type { App } from '@slack/bolt';
import type { AppDeps } from '../deps.js';
import { COMMAND } from '../views/ids.js';
import { phloCommand } from './phloCommand.js';

export function registerCommands(app: App, deps: AppDeps): void {
  app.command(COMMAND, phloCommand(deps));
}
