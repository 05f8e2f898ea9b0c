import type { App } from '@slack/bolt';
import { redeliveryGuard, type RedeliveryGuardDeps } from './redelivery.js';
import { replayGuard, type ReplayGuardDeps } from './replay.js';
import { workspaceGuard, type WorkspaceGuardDeps } from './workspace.js';

export { SEEN_FOR_MS } from './replay.js';
export { DELIVERY_KEPT_MS, SOCKET_ENVELOPE_ID } from './redelivery.js';
export { AcknowledgingReceiver } from './acknowledging.js';

/**
 * Checks every request passes before any listener: not seen before (the same signature), not
 * delivered before (the same event or step run), and from our own workspace.
 */
export function registerGuards(app: App, deps: ReplayGuardDeps & RedeliveryGuardDeps & WorkspaceGuardDeps): void {
  app.use(replayGuard(deps));
  app.use(redeliveryGuard(deps));
  app.use(workspaceGuard(deps));
}
