/** What the pipeline hands its ports: a PHLO answer as a result to show, an action on its way. */
import { PhloServerError, type PhloError } from '../plivo/index.js';
import type { ActionSpec, PhloAnswer } from './catalogue/index.js';
import type { ActionOutcome, ActionResult, PendingAction, ResultNote } from './ports.js';
import type { ActionRequest } from './types.js';

/** What came of the PHLO call, and of writing it down. */
export interface PhloResult {
  outcome: ActionOutcome;
  latencyMs: number;
  answer?: PhloAnswer | undefined;
  failure?: PhloError | undefined;
  /** Set when PHLO answered but the outcome could not be written: the id of the log line that has it. */
  unrecordedErrorId?: string | undefined;
}

/** "Support line · queue": the PHLO and node acted on. */
const targetOf = (request: ActionRequest): string => (request.node === undefined ? request.phlo.name : `${request.phlo.name} · ${request.node.alias}`);

export function resultOf(
  spec: ActionSpec,
  request: ActionRequest,
  { outcome, latencyMs, answer, failure, unrecordedErrorId }: PhloResult,
  phloTimeoutMs: number,
): ActionResult {
  const notes: ResultNote[] = unrecordedErrorId === undefined ? [] : [{ kind: 'outcome_not_recorded', errorId: unrecordedErrorId }];
  return {
    action: spec.name,
    userId: request.slack.userId,
    member: request.member,
    input: request.input,
    target: targetOf(request),
    outcome,
    apiId: failure?.apiId ?? answer?.apiId,
    latencyMs,
    phloMessage: answer?.message,
    facts: answer?.facts,
    failure: failure === undefined ? undefined : { error: failure, timeoutMs: phloTimeoutMs },
    followUps:
      outcome === 'ok'
        ? spec.next(request).map((f) => ({ ...f, phloId: request.phlo.id, nodeId: request.node?.id }))
        : [],
    notes,
    approvedBy: request.approval?.by,
  };
}

/** What the call's thread is told while PHLO has not answered. */
export function pendingOf(request: ActionRequest): PendingAction {
  return { action: request.action, userId: request.slack.userId, member: request.member, input: request.input, target: targetOf(request) };
}

/**
 * Unknown only when PHLO may have acted and we can't tell: a timeout, a connection broken
 * after sending, an unreadable 2xx. A 5xx is reported as a failure, though the
 * message still warns that PHLO may have acted.
 */
export function outcomeOf(error: PhloError): ActionOutcome {
  if (error instanceof PhloServerError) return 'failed';
  return error.outcomeKnown ? 'failed' : 'unknown';
}
