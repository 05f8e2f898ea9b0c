/**
 * Deciding requests for approval, and expiring them. An approval runs the request through the one
 * pipeline as the requester's action with the approver recorded; the decision itself is one
 * conditional UPDATE in the store, so of two approvers (on any instance) one decides and the other
 * is told who did.
 */
import { identify } from './auth/authorize.js';
import type { ActionRecord } from '../store/index.js';
import { approvalView, approversOf, targetOf } from './approvalStep.js';
import { InvalidPayloadError, NotApproverError, NotPermittedError, RequesterNotPermittedError } from './errors.js';
import type { Executed, Pipeline, PipelineDeps } from './pipeline.js';
import type { ApprovalDecision, ApprovalView, CallKey, NoticeTarget, StepEnding, StepPort } from './ports.js';
import { findNode, findPhlo } from '../config/index.js';
import { recordRefusal } from './refusals.js';
import type { SlackContext } from './types.js';

/** A click on Approve or Reject, as the listener read it. */
export interface DecisionClick {
  outcome: 'approved' | 'rejected';
  /** What the button carried: the request, and what it said the request asks. */
  value: { r: string; a: string; m?: string | undefined };
  /** The message clicked, when the click came from a message (App Home has none). */
  messageTs?: string | undefined;
  slack: SlackContext;
}

/** Default time between expiry sweeps. */
export const APPROVAL_SWEEP_MS = 30_000;

export class Approvals {
  constructor(
    private readonly deps: PipelineDeps,
    private readonly pipeline: Pipeline,
    /** Ends the Workflow Builder step a request came from, once it is decided. */
    private readonly steps?: StepPort,
  ) {}

  async decide(click: DecisionClick): Promise<void> {
    const { deps } = this;
    const kind = click.outcome === 'approved' ? 'approve' : 'reject';
    const request = await deps.store.actions.get(click.value.r);
    // The value must name a request of this workspace, say what it asks, and come from its message.
    const forged =
      request?.expiresAt === undefined ||
      request.teamId !== click.slack.teamId ||
      request.action !== click.value.a ||
      request.member !== click.value.m ||
      // From a message, it must be this request's own (a value moved onto another request's message is not).
      (click.messageTs !== undefined && request.requestTs !== click.messageTs);
    if (forged) {
      const error = new InvalidPayloadError(`${kind} button naming no such request`);
      await recordRefusal(deps, click.slack, { action: kind, params: { request: click.value.r }, outcome: 'invalid', error });
      throw error;
    }
    const verb = deps.catalogue.find(request.action)?.grammar.verb ?? request.action;
    const approvers = approversOf(deps.config, verb) ?? [];
    const identity = await identify(deps.config, deps.groups, click.slack.userId);
    // Four eyes: never the requester, whatever their role; otherwise an approver role only, checked on every click.
    const refusal =
      request.userId === click.slack.userId
        ? new NotApproverError('own_request', approvers, identity.role)
        : identity.role === undefined || !approvers.includes(identity.role)
          ? new NotApproverError('role', approvers, identity.role)
          : undefined;
    if (refusal !== undefined) {
      await recordRefusal(deps, click.slack, { action: kind, member: request.member, params: { request: request.id }, outcome: 'denied', error: refusal });
      throw refusal;
    }

    const at = deps.now();
    const result = await deps.store.actions.decide({ id: request.id, outcome: click.outcome, by: click.slack.userId, at });
    if (!result.decided) {
      const current = result.request ?? request;
      const view = this.view(current);
      const decision: ApprovalDecision = view.decision ?? { outcome: 'expired', at: current.expiresAt ?? at };
      await deps.responder.notify(click.slack, { kind: 'too_late', view: { ...view, decision } });
      return;
    }
    const decided = result.request;
    this.count(verb, decided);
    deps.logger.info({ actionId: decided.id, decidedBy: click.slack.userId, outcome: click.outcome, user: decided.userId }, 'approval decided');
    const view = this.view(decided);
    await this.updateMessage(decided, view);
    if (click.outcome === 'rejected') {
      await this.tellRequester(decided, view);
      await this.endStep(decided, view);
      return;
    }
    // The requester's own action, checked again as theirs (their permission may have gone meanwhile:
    // then the approver is told so, in words about the requester, not about the approver's role).
    let executed: Executed;
    try {
      executed = await this.runApproved(decided, click.slack.userId);
    } catch (error) {
      const refusal = error instanceof NotPermittedError ? new RequesterNotPermittedError(decided.userId, error.permission, { cause: error }) : error;
      await this.endStep(decided, { kind: 'refused', error: refusal });
      throw refusal;
    }
    if (executed.result !== undefined) await this.endStep(decided, { kind: 'done', actionId: executed.actionId, result: executed.result });
  }

  private runApproved(decided: ActionRecord, approver: string): Promise<Executed> {
    return this.pipeline.execute(
      {
        action: decided.action,
        phlo: decided.phloId,
        node: decided.nodeId,
        input: decided.input ?? {},
        reason: decided.reason,
        slack: {
          teamId: decided.teamId,
          channelId: decided.channelId,
          userId: decided.userId,
          // A workflow's request stays the workflow's; anything else was carried out by the click.
          source: decided.source === 'workflow' ? 'workflow' : 'button',
          threadTs: decided.threadTs,
          stepExecutionId: decided.stepExecutionId,
        },
      },
      { by: approver, requestId: decided.id },
    );
  }

  /** Expires every request past its deadline (each once, whichever instance sweeps) and says so. */
  async sweep(): Promise<number> {
    const expired = await this.deps.store.actions.expireRequests(this.deps.now());
    for (const request of expired) {
      const verb = this.deps.catalogue.find(request.action)?.grammar.verb ?? request.action;
      this.count(verb, request);
      this.deps.logger.info({ actionId: request.id, user: request.userId, action: request.action }, 'approval request expired');
      const view = this.view(request);
      await this.updateMessage(request, view);
      await this.tellRequester(request, view);
      await this.endStep(request, view);
    }
    return expired.length;
  }

  /** Sweeps now and every `intervalMs`; the timer never holds the process up. */
  startSweeping(intervalMs: number = APPROVAL_SWEEP_MS): { stop(): Promise<void> } {
    let running: Promise<unknown> = Promise.resolve();
    const tick = (): void => {
      running = running.then(() => this.sweep()).catch((error: unknown) => {
        this.deps.logger.warn({ err: error }, 'approval expiry sweep failed; will try again');
      });
    };
    tick();
    const timer = setInterval(tick, intervalMs);
    timer.unref();
    return {
      stop: async () => {
        clearInterval(timer);
        await running;
      },
    };
  }

  /** Requests waiting in a workspace for someone of `role` (never their own), soonest deadline first. */
  async waitingFor(teamId: string, userId: string, role: string | undefined, limit: number): Promise<ApprovalView[]> {
    if (role === undefined) return [];
    const waiting = await this.deps.store.actions.awaiting({ teamId, limit: limit * 4 });
    return waiting
      .filter((r) => r.userId !== userId && (approversOf(this.deps.config, this.deps.catalogue.find(r.action)?.grammar.verb ?? r.action) ?? []).includes(role))
      .slice(0, limit)
      .map((r) => this.view(r));
  }

  private view(request: ActionRecord): ApprovalView {
    const phlo = Object.values(this.deps.config.phlos).find((p) => p.id === request.phloId);
    const node = phlo === undefined ? undefined : Object.entries(phlo.nodes).find(([, id]) => id === request.nodeId)?.[0];
    const name = phlo?.name ?? Object.entries(this.deps.config.phlos).find(([, p]) => p.id === request.phloId)?.[0] ?? request.phloId ?? 'PHLO';
    return approvalView(request, targetOf({ name }, node === undefined ? undefined : { alias: node }));
  }

  private count(verb: string, request: ActionRecord): void {
    const outcome = request.outcome;
    this.deps.metrics.approvals.inc({ verb, outcome });
    const decidedAt = request.decidedAt ?? request.completedAt;
    if (decidedAt !== undefined) {
      this.deps.metrics.approvalDecision.observe({ verb, outcome }, Math.max(0, decidedAt.getTime() - request.createdAt.getTime()) / 1000);
    }
  }

  /** The request's message no longer offers buttons; a message Slack refuses to update is not worth failing for. */
  private async updateMessage(request: ActionRecord, view: ApprovalView): Promise<void> {
    if (request.requestTs === undefined) return;
    await this.deps.threads.updateRequest(request.channelId, request.requestTs, view).catch((error: unknown) => {
      this.deps.logger.warn({ err: error, actionId: request.id }, 'could not update the request message');
    });
    // The card stops listing it as waiting.
    const key = this.callKeyOf(request);
    if (key !== undefined && request.threadTs !== undefined) this.deps.threads.requestsChanged(key, request.threadTs);
  }

  /** The call a request was made on, as the configuration names it now; undefined for a PHLO no longer configured. */
  private callKeyOf(request: ActionRecord): CallKey | undefined {
    const phlo = request.phloId === undefined ? undefined : findPhlo(this.deps.config, request.phloId);
    if (phlo === undefined) return undefined;
    const node = request.nodeId === undefined || request.nodeId === '' ? undefined : findNode(this.deps.config, phlo, request.nodeId);
    return { teamId: request.teamId, channelId: request.channelId, phlo, node };
  }

  /**
   * Ends the Workflow Builder step the request came from, if it did: with the result, the refusal,
   * or (given the request's view) the decision that stopped it.
   */
  private async endStep(request: ActionRecord, outcome: StepEnding | ApprovalView): Promise<void> {
    if (this.steps === undefined || request.stepExecutionId === undefined) return;
    let ending: StepEnding;
    if ('kind' in outcome) ending = outcome;
    else if (outcome.decision === undefined) return;
    else ending = { kind: 'decided', view: { ...outcome, decision: outcome.decision } };
    await this.steps.finish({ executionId: request.stepExecutionId, action: request.action }, ending).catch((error: unknown) => {
      this.deps.logger.warn({ err: error, actionId: request.id }, 'could not end the workflow step');
    });
  }

  private async tellRequester(request: ActionRecord, view: ApprovalView): Promise<void> {
    if (view.decision === undefined) return;
    const to: NoticeTarget = { channelId: request.channelId, userId: request.userId };
    await this.deps.responder.notify(to, { kind: 'decided', view: { ...view, decision: view.decision } }).catch((error: unknown) => {
      this.deps.logger.warn({ err: error, actionId: request.id }, 'could not tell the requester');
    });
  }
}
