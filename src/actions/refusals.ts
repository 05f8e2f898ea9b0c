import type { Metrics } from '../metrics.js';
import type { Store } from '../store/index.js';
import type { SlackContext } from './types.js';

/**
 * Records an attempt refused before it became a draft (a command that didn't parse, a button
 * value that didn't decode): every attempt is on record (SPEC §8).
 */
export async function recordInvalidAttempt(
  deps: { store: Store; metrics: Metrics },
  slack: SlackContext,
  action: string,
  params: Record<string, string>,
  error: Error,
): Promise<void> {
  await deps.store.actions.recordFinal({
    teamId: slack.teamId,
    channelId: slack.channelId,
    userId: slack.userId,
    action,
    params,
    outcome: 'invalid',
    error: error.message,
  });
  deps.metrics.actions.inc({ verb: action, outcome: 'invalid' });
}
