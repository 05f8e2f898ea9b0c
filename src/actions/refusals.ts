import type { PhloBotError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Store } from '../store/index.js';
import type { SlackContext } from './types.js';

export interface Refusal {
  /** The action, or what stood for it (`command` for text that didn't parse, `button`, a modal). */
  action: string;
  /** The metrics label, when it differs from the action (warm_transfer counts as `transfer`). */
  verb?: string | undefined;
  member?: string | undefined;
  params: Record<string, string>;
  outcome: 'denied' | 'invalid';
  error: PhloBotError;
}

/**
 * Records an attempt refused before it reached PHLO (a denial, bad input, a command that didn't
 * parse, a forged button): every attempt is on record, counted and logged the same way.
 */
export async function recordRefusal(
  deps: { store: Store; metrics: Metrics; logger: Logger },
  slack: Pick<SlackContext, 'teamId' | 'channelId' | 'userId'> & Partial<Pick<SlackContext, 'source'>>,
  refusal: Refusal,
): Promise<void> {
  await deps.store.actions.recordFinal({
    teamId: slack.teamId,
    channelId: slack.channelId,
    userId: slack.userId,
    action: refusal.action,
    member: refusal.member,
    params: refusal.params,
    outcome: refusal.outcome,
    error: refusal.error.message,
    source: slack.source,
  });
  deps.metrics.actions.inc({ verb: refusal.verb ?? refusal.action, outcome: refusal.outcome });
  deps.logger.info(
    { user: slack.userId, action: refusal.action, outcome: refusal.outcome, reason: refusal.error.code },
    'action refused',
  );
}
