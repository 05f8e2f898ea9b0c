import type { PhloBotError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Store } from '../store/index.js';
import type { CallMember } from './callState.js';
import { MemberLeftError } from './errors.js';
import { stringParams } from './params.js';
import type { ActionRequest, SlackContext } from './types.js';

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

/**
 * A member the call's state knows has left (hung up, voicemail dropped, transferred away) is not acted
 * on: PHLO could only fail, and in the thread for all to see. The asker alone is told (MemberLeftError),
 * and the attempt is recorded as invalid.
 */
export async function refuseIfLeft(
  deps: { store: Store; metrics: Metrics; logger: Logger },
  request: Pick<ActionRequest, 'action' | 'member' | 'input' | 'slack'>,
  verb: string,
  known: CallMember | undefined,
): Promise<void> {
  if (known?.left === undefined || request.member === undefined) return;
  const error = new MemberLeftError(request.member, known.left, known.leftBy);
  await recordRefusal(deps, request.slack, {
    action: request.action,
    verb,
    member: request.member,
    params: stringParams(request.input),
    outcome: 'invalid',
    error,
  });
  throw error;
}
