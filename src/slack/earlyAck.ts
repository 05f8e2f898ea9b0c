import { originOf, servesOrigin, type Workspace } from './workspace.js';

/**
 * Whether a request's ack is an empty 200 whatever its listener does, so the receiver may send it at
 * once: a slash command or a button from our own workspace (a replayed one is acked the same way and
 * then ignored). A modal submission's ack may carry its errors, and a foreign workspace's command is
 * answered with a refusal, so those wait for Bolt, as does everything before auth.test has answered.
 */
export function acksEarly(ours: Workspace | undefined, body: Record<string, unknown>): boolean {
  if (ours === undefined) return false;
  if (typeof body.command !== 'string' && body.type !== 'block_actions') return false;
  return servesOrigin(ours, originOf(body));
}
