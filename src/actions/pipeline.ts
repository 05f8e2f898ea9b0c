import { performance } from 'node:perf_hooks';
import { authorize, identify } from './auth/authorize.js';
import type { GroupMembers } from './auth/groupMembers.js';
import type { Config } from '../config/index.js';
import { UserInputError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { PhloError, type PhloClient } from '../plivo/index.js';
import type { Store } from '../store/index.js';
import { Turns } from '../turns.js';
import { ActionLog } from './actionLog.js';
import { newErrorId } from '../errorId.js';
import { isMemberAction, type ActionSpec, type Catalogue, type PhloAnswer } from './catalogue/index.js';
import { CallThreadUnavailableError, DuplicateActionError, NotPermittedError } from './errors.js';
import { dedupKeyOf, memberOf, requestFields, stringParams } from './params.js';
import { recordRefusal, refuseIfLeft } from './refusals.js';
import { outcomeOf, pendingOf, resultOf, type PhloResult } from './results.js';
import { askForApproval, needsApproval } from './approvalStep.js';
import { ActionRateLimit } from './rateLimit.js';
import type { ActionOutcome, ActionResult, Announcement, CallKey, CallThreadPort, ExecuteOutcome, Responder, ThreadFailure } from './ports.js';
import { ANNOUNCE_AFTER_MS, SlowAnswerNotice } from './slowAnswer.js';
import type { ActionDraft, ActionRequest, Approval } from './types.js';

export type { ActionOutcome } from './ports.js';
import { checkDraft, validateDraft } from './validate.js';

export interface PipelineDeps {
  config: Config;
  /** The actions it can take: a request naming another is refused. */
  catalogue: Catalogue;
  store: Store;
  phlo: PhloClient;
  groups: GroupMembers;
  threads: CallThreadPort;
  responder: Responder;
  logger: Logger;
  metrics: Metrics;
  now: () => Date;
  phloTimeoutMs: number;
  /** The same action within this long after the first completed is a duplicate. */
  dedupWindowMs: number;
}

/** What the pipeline did with a request: its record, its outcome and, once PHLO answered, the result shown. */
export interface Executed {
  actionId: string;
  outcome: ExecuteOutcome;
  /** Absent while it awaits approval. */
  result?: ActionResult | undefined;
}

/** PHLO answers acted on per turn of the event loop: a few milliseconds of work between reads. */
const PHLO_ANSWERS_PER_TURN = 4;

/**
 * How long an action may legitimately be in flight: three PHLO timeouts (a GET's retries) and
 * a second for the database and backoff. A pending row older than this was left by a crash.
 */
export function maxInFlightMs(phloTimeoutMs: number): number {
  return phloTimeoutMs * 3 + 1000;
}

/**
 * The one way every request goes, whatever its entry point:
 * validate → authorize → record intent → call PHLO → record outcome → post to the thread.
 * Bad input, denials and duplicates are recorded and then thrown for the error handler to answer.
 */
export class Pipeline {
  private readonly log: ActionLog;
  private readonly rateLimit: ActionRateLimit;
  private readonly answerTurns = new Turns(() => PHLO_ANSWERS_PER_TURN);

  constructor(private readonly deps: PipelineDeps) {
    this.log = new ActionLog(deps);
    this.rateLimit = new ActionRateLimit(deps);
  }

  /** `approval`: an approver's OK, when a request that waited for one runs. */
  async execute(draft: ActionDraft, approval?: Approval): Promise<Executed> {
    const request = await this.admit(draft);
    return this.perform(approval === undefined ? request : { ...request, approval });
  }

  /**
   * The request's own soundness, without I/O (so a modal can show it inline before acking):
   * targets and input checked against the configuration, every problem found. Authorization
   * comes in `admit`.
   */
  precheck(draft: ActionDraft): UserInputError[] {
    const entry = this.deps.config.users[draft.slack.userId];
    const identity = { userId: draft.slack.userId, role: entry?.role, permissions: [], address: entry?.address };
    const checked = checkDraft(this.deps.config, this.deps.catalogue.spec(draft.action), draft, identity);
    return checked.ok ? [] : checked.problems;
  }

  /**
   * Who asks, may they, and is the request sound: throws NotPermittedError or a UserInputError
   * (after recording the refused attempt). Cheap enough to run before acking a modal submission.
   */
  async admit(draft: ActionDraft): Promise<ActionRequest> {
    const { config } = this.deps;
    const spec = this.deps.catalogue.spec(draft.action);
    const identity = await identify(config, this.deps.groups, draft.slack.userId);
    try {
      // The permission depends only on the action: a user who may not act at all is told that,
      // not what else was wrong with the request.
      authorize(identity, spec.permission);
      return validateDraft(config, spec, draft, identity);
    } catch (error) {
      if (error instanceof UserInputError || error instanceof NotPermittedError) {
        await recordRefusal(this.deps, draft.slack, {
          action: draft.action,
          verb: spec.grammar.verb,
          member: memberOf(draft.input),
          params: stringParams(draft.input),
          outcome: error instanceof NotPermittedError ? 'denied' : 'invalid',
          error,
        });
      }
      throw error;
    }
  }

  /** The admitted request's way on: approve → record intent → dedup → PHLO → record outcome → reply. */
  async perform(request: ActionRequest): Promise<Executed> {
    const { store } = this.deps;
    const spec = this.deps.catalogue.spec(request.action);
    const key: CallKey = {
      teamId: request.slack.teamId,
      channelId: request.slack.channelId,
      phlo: request.phlo,
      node: request.node,
      threadTs: request.slack.threadTs,
    };
    const call = spec.kind === 'change' ? await this.deps.threads.lookup(key, isMemberAction(spec) ? request.member : undefined) : undefined;
    await refuseIfLeft(this.deps, request, spec.grammar.verb, call?.member);
    // A gated verb from someone who may not approve it waits for someone who may.
    if (request.approval === undefined && needsApproval(this.deps.config, spec, request.identity)) {
      return askForApproval(this.deps, spec, request, key);
    }
    // Counted where PHLO is next: a request for approval sends nothing, and an approved one runs on the
    // approver's click, which the requester's recent actions must not undo.
    if (request.approval === undefined) await this.rateLimit.admit(spec, request);
    const threadTs = call?.threadTs;
    const dedupKey = spec.kind === 'change' ? dedupKeyOf(request) : undefined;
    const record = await this.log.intent({
      ...requestFields(request),
      threadTs,
      dedupKey,
      approvedBy: request.approval?.by,
      requestId: request.approval?.requestId,
      createdAt: this.deps.now(),
    });

    let claimed = false;
    let result: PhloResult;
    let notice: SlowAnswerNotice | undefined;
    try {
      if (dedupKey !== undefined) {
        await this.claim(record.id, dedupKey, request);
        claimed = true;
      }
      // A change is answered in the call's thread: if PHLO is slow, the thread hears at once that it is on its way.
      if (spec.kind === 'change') notice = new SlowAnswerNotice(ANNOUNCE_AFTER_MS, () => this.deps.threads.announce(key, pendingOf(request)), this.deps.logger);
      result = await this.callPhlo(spec, request, record.id, notice);
    } catch (error) {
      if (!(error instanceof DuplicateActionError)) await this.log.failed(record.id, error, this.deps.now());
      await this.abandon(notice, request, key);
      throw error;
    } finally {
      if (claimed && dedupKey !== undefined) {
        // PHLO may have acted by now: a failed release must not turn the result into an error (the
        // claim then simply lapses after its TTL).
        await store.actions
          .release({ dedupKey, actionId: record.id, at: this.deps.now(), windowMs: this.deps.dedupWindowMs })
          .catch((error: unknown) => { this.deps.logger.error({ err: error, actionId: record.id }, 'could not release the dedup claim'); });
      }
    }

    const answer = resultOf(spec, request, result, this.deps.phloTimeoutMs);
    if (spec.kind === 'read') {
      await this.deps.responder.privately(request.slack, answer);
    } else {
      await this.postToThread(key, request, answer, record.id, threadTs, await notice?.announcement());
    }
    return { actionId: record.id, outcome: result.outcome, result: answer };
  }

  /** An action that failed unexpectedly after it was announced: its announcement must not wait for ever. */
  private async abandon(notice: SlowAnswerNotice | undefined, request: ActionRequest, key: CallKey): Promise<void> {
    const announcement = await notice?.announcement();
    if (announcement === undefined) return;
    await this.deps.threads.abandon(announcement, pendingOf(request)).catch((error: unknown) => {
      this.deps.logger.warn({ err: error, channel: key.channelId }, 'could not rewrite the announcement of a failed action');
    });
  }

  /** Calls PHLO and records the outcome. PHLO's own failures are outcomes, not exceptions. */
  private async callPhlo(spec: ActionSpec, request: ActionRequest, actionId: string, notice: SlowAnswerNotice | undefined): Promise<PhloResult> {
    const started = performance.now();
    let answer: PhloAnswer | undefined;
    let failure: PhloError | undefined;
    try {
      answer = await spec.perform(this.deps.phlo, request);
    } catch (error) {
      if (!(error instanceof PhloError)) throw error;
      failure = error;
    } finally {
      notice?.stop();
    }
    const latencyMs = performance.now() - started;
    // PHLO's answers to a burst arrive together: this one is acted on in its turn (see Turns), so the
    // answers behind it are read first and free their PHLO slots for the requests in line.
    await this.answerTurns.next();
    const outcome: ActionOutcome = failure === undefined ? 'ok' : outcomeOf(failure);
    const status = failure?.status ?? answer?.status;
    const apiId = failure?.apiId ?? answer?.apiId;
    const unrecordedErrorId = await this.log.outcome(spec, request, actionId, {
      outcome,
      httpStatus: status,
      apiId,
      error: failure?.message,
      errorCode: failure?.code,
      latencyMs,
      at: this.deps.now(),
    });
    return { outcome, latencyMs, answer, failure, unrecordedErrorId };
  }

  /**
   * The reply in the call's thread. PHLO has already acted, so a Slack failure here must not
   * read as "try again" (a second try would dial twice): the user gets the result alone instead.
   */
  private async postToThread(
    key: CallKey,
    request: ActionRequest,
    result: ActionResult,
    actionId: string,
    knownThreadTs: string | undefined,
    announcement: Announcement | undefined,
  ): Promise<void> {
    const change = {
      action: request.action,
      userId: request.slack.userId,
      member: request.member,
      input: request.input,
      outcome: result.outcome,
      at: this.deps.now().getTime(),
    };
    let posted: { threadTs: string };
    try {
      posted = await this.deps.threads.publish(key, change, result, announcement);
    } catch (error) {
      // Say truly what failed: the database that finds the thread, or Slack.
      const failure: ThreadFailure = error instanceof CallThreadUnavailableError ? error.failure : { part: 'unexpected', errorId: newErrorId() };
      this.deps.logger.warn({ err: error, actionId, channel: key.channelId, ...(failure.part === 'unexpected' ? { errorId: failure.errorId } : {}) }, 'could not post the result in the call thread');
      await this.deps.responder.privately(request.slack, { ...result, notes: [{ kind: 'thread_unavailable', failure }, ...result.notes] });
      return;
    }
    // The result is in the thread; a history row without its link is a lesser loss than a second answer.
    if (knownThreadTs === undefined) {
      await this.deps.store.actions
        .attachThread(actionId, posted.threadTs)
        .catch((error: unknown) => { this.deps.logger.error({ err: error, actionId }, 'could not link the action to its thread'); });
    }
  }

  private async claim(actionId: string, dedupKey: string, request: ActionRequest): Promise<void> {
    const { store } = this.deps;
    const claim = await store.actions.claim({
      dedupKey,
      actionId,
      at: this.deps.now(),
      // A crash must not hold the key for ever; until then the first action may still be running.
      inFlightTtlMs: maxInFlightMs(this.deps.phloTimeoutMs) + this.deps.dedupWindowMs,
    });
    if (claim.claimed) return;
    await this.log.duplicate(this.deps.catalogue.spec(request.action), request, actionId, claim.heldBy, this.deps.now());
    const first = await store.actions.get(claim.heldBy);
    const link =
      first?.threadTs === undefined ? undefined : await this.deps.responder.permalink(first.channelId, first.threadTs);
    throw new DuplicateActionError(claim.heldBy, link);
  }

}
