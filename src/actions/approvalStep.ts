/**
 * The pipeline's approval step: a request for a verb the configuration gates, from someone whose
 * role does not approve it, is recorded as waiting and posted for an approver instead of reaching PHLO.
 */
import type { Config } from '../config/index.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { ActionRecord, Store } from '../store/index.js';
import type { ActionSpec, Approvers, Catalogue } from './catalogue/index.js';
import type { ApprovalView, CallKey, CallThreadPort, ExecuteOutcome, Responder } from './ports.js';
import { requestFields } from './params.js';
import type { ActionRequest, Identity } from './types.js';

/** What the step needs of the pipeline's dependencies. */
export interface ApprovalStepDeps {
  config: Config;
  /** Carries each gated verb's approvers, worked out once from the configuration. */
  catalogue: Catalogue;
  store: Store;
  threads: CallThreadPort;
  responder: Responder;
  metrics: Metrics;
  logger: Logger;
  now: () => Date;
}

/** The roles that approve the verb, or undefined when it needs no approval. */
export function approversOf(config: Config, verb: string): readonly string[] | undefined {
  return Object.hasOwn(config.approvals, verb) ? config.approvals[verb] : undefined;
}

/**
 * For each gated verb, its approver roles and whom to tell when someone asks: the user groups mapped
 * to those roles and the users configured with them. The catalogue carries it to the words.
 */
export function approversByVerb(config: Config): Record<string, Approvers> {
  const byVerb: Record<string, Approvers> = {};
  for (const [verb, roles] of Object.entries(config.approvals)) {
    byVerb[verb] = {
      roles,
      groups: Object.entries(config.groups).flatMap(([group, role]) => (roles.includes(role) ? [group] : [])),
      users: Object.entries(config.users).flatMap(([user, entry]) => (roles.includes(entry.role) ? [user] : [])),
    };
  }
  return byVerb;
}

/** Whether this person's use of the action waits for someone else's OK. */
export function needsApproval(config: Config, spec: ActionSpec, identity: Identity): boolean {
  const approvers = approversOf(config, spec.grammar.verb);
  return approvers !== undefined && (identity.role === undefined || !approvers.includes(identity.role));
}

/** "Support line · queue": what the request acts on, for the people deciding. */
export function targetOf(phlo: { name: string }, node: { alias: string } | undefined): string {
  return node === undefined ? phlo.name : `${phlo.name} · ${node.alias}`;
}

/** A recorded request as the surface shows it. */
export function approvalView(record: ActionRecord, target: string): ApprovalView {
  const decision =
    record.outcome === 'approved' || record.outcome === 'rejected' || record.outcome === 'expired'
      ? { outcome: record.outcome, by: record.decidedBy, at: record.decidedAt ?? record.completedAt ?? record.createdAt }
      : undefined;
  return {
    requestId: record.id,
    action: record.action,
    requesterId: record.userId,
    channelId: record.channelId,
    member: record.member,
    input: record.input ?? {},
    target,
    reason: record.reason,
    expiresAt: record.expiresAt ?? record.createdAt,
    decision,
  };
}

/**
 * Records the request as awaiting approval, posts it in the call's thread with Approve and Reject,
 * and tells the requester it waits. Nothing is sent to PHLO.
 */
export async function askForApproval(
  deps: ApprovalStepDeps,
  spec: ActionSpec,
  request: ActionRequest,
  key: CallKey,
): Promise<{ actionId: string; outcome: ExecuteOutcome }> {
  const createdAt = deps.now();
  const record = await deps.store.actions.recordRequest({
    ...requestFields(request),
    input: request.input,
    threadTs: undefined,
    dedupKey: undefined,
    duplicateOf: undefined,
    createdAt,
    expiresAt: new Date(createdAt.getTime() + deps.config.approval_timeout_minutes * 60_000),
  });
  deps.metrics.approvals.inc({ verb: spec.grammar.verb, outcome: 'requested' });
  deps.logger.info(
    { actionId: record.id, user: request.slack.userId, action: spec.name, member: request.member, expiresAt: record.expiresAt },
    'approval requested',
  );
  const view = approvalView(record, targetOf(request.phlo, request.node));
  let posted: { threadTs: string; ts: string } | undefined;
  try {
    posted = await deps.threads.postRequest(key, view);
    await deps.store.actions.attachRequestMessage(record.id, posted.threadTs, posted.ts);
    deps.threads.requestsChanged(key, posted.threadTs);
    // Decided or expired before its message was known (a sweep right after posting): say so on it now.
    const now = await deps.store.actions.get(record.id);
    if (now !== undefined && now.outcome !== 'awaiting_approval') {
      await deps.threads.updateRequest(key.channelId, posted.ts, approvalView(now, view.target));
    }
  } catch (error) {
    // Still on record and on the approvers' App Home; the requester is told it waits either way.
    deps.logger.warn({ err: error, actionId: record.id, channel: key.channelId }, 'could not post the request for approval in the call thread');
  }
  const told = deps.responder.notify(request.slack, { kind: 'waiting', view });
  const approversTold = tellApprovers(deps, spec, request, view, posted);
  if (request.slack.source === 'workflow') {
    // A workflow may act for someone who is not in the channel; the step stays open either way,
    // and failing it now would leave a request whose step can no longer be ended.
    await told.catch((error: unknown) => {
      deps.logger.warn({ err: error, actionId: record.id, user: request.slack.userId }, 'could not tell the workflow step user the request waits');
    });
  } else await told;
  await approversTold;
  return { actionId: record.id, outcome: 'awaiting_approval' };
}

/** The most approvers told by direct message; a user group's mention in the thread reaches the rest. */
export const APPROVER_DMS_MAX = 10;

/**
 * Each approver configured by name (never the requester) gets a direct message with a link to the
 * request: a mention in a busy channel is easy to miss. A message Slack refuses is logged, not fatal.
 */
async function tellApprovers(deps: ApprovalStepDeps, spec: ActionSpec, request: ActionRequest, view: ApprovalView, posted: { ts: string } | undefined): Promise<void> {
  const users = (deps.catalogue.approversOf(spec.name)?.users ?? []).filter((u) => u !== request.slack.userId).slice(0, APPROVER_DMS_MAX);
  if (users.length === 0) return;
  const link = posted === undefined ? undefined : await deps.responder.permalink(request.slack.channelId, posted.ts).catch(() => undefined);
  await Promise.all(
    users.map((user) =>
      deps.responder.notify({ channelId: user, userId: user }, { kind: 'asked', view, link }).catch((error: unknown) => {
        deps.logger.warn({ err: error, user, actionId: view.requestId }, 'could not tell an approver of a request by direct message');
      }),
    ),
  );
}
