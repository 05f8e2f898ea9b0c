import type { App } from '@slack/bolt';
import { replayGuard, type ReplayGuardDeps } from './replay.js';
import { workspaceGuard, type WorkspaceGuardDeps } from './workspace.js';

export { SEEN_FOR_MS } from './replay.js';

/** Checks every request passes before any listener: not seen before, and from our own workspace. */
export function registerGuards(app: App, deps: ReplayGuardDeps & WorkspaceGuardDeps): void {
  app.use(replayGuard(deps));
  app.use(workspaceGuard(deps));
}
