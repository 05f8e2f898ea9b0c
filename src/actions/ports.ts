/**
 * What the pipeline needs from the surface it answers on, and nothing more. Slack implements
 * these (src/slack); the pipeline never builds a message or calls Slack itself.
 */
import type { NodeTarget, PhloTarget } from '../config/index.js';
import type { PhloError } from '../plivo/index.js';
import type { FollowUp } from './catalogue/index.js';
import type { CallMember, StateChange } from './callState.js';
import type { SlackContext } from './types.js';

export type ActionOutcome = 'ok' | 'failed' | 'unknown';
/** What became of a request the pipeline took: done (an outcome), or waiting for another person's OK. */
export type ExecuteOutcome = ActionOutcome | 'awaiting_approval';

/** One call: a multiparty call node (or, for runs, the PHLO) in one channel. */
export interface CallKey {
  teamId: string;
  channelId: string;
  phlo: PhloTarget;
  node?: NodeTarget | undefined;
  /** A thread the request came from (a button on it); used when it is this call's. */
  threadTs?: string | undefined;
}

/** What kept a result out of the call's thread: the database (finding the thread), Slack, or a bug. */
export type ThreadFailure =
  | { part: 'store' }
  /** `slackError`: what Slack answered (`not_in_channel`, …), when it answered. */
  | { part: 'slack'; slackError?: string | undefined }
  /** `errorId`: the log line that has it. */
  | { part: 'unexpected'; errorId: string };

/** Something the reader must know beside the result itself. */
export type ResultNote =
  /** The result could not be posted in the call's thread, so only the asker sees it; `failure`: what failed, when known. */
  | { kind: 'thread_unavailable'; failure?: ThreadFailure | undefined }
  /** PHLO answered but the database refused the outcome; the log line with `errorId` has it. */
  | { kind: 'outcome_not_recorded'; errorId: string };

/** What happened, as data: the surface turns it into words and buttons. */
export interface ActionResult {
  action: string;
  userId: string;
  member?: string | undefined;
  input: Record<string, unknown>;
  /** "Support line · queue": the PHLO and node acted on. */
  target: string;
  outcome: ActionOutcome;
  apiId?: string | undefined;
  latencyMs: number;
  /** PHLO's own message (a run's), shown as PHLO wrote it. */
  phloMessage?: string | undefined;
  facts?: [string, string][] | undefined;
  /** PHLO's failure, and the timeout in force (a timeout's sentence names it). */
  failure?: { error: PhloError; timeoutMs: number } | undefined;
  /** The buttons that make sense next, with the ids they act on. */
  followUps: (FollowUp & { phloId: string; nodeId?: string | undefined })[];
  notes: ResultNote[];
  /** Who approved it, when it needed approval. */
  approvedBy?: string | undefined;
}

/** How a request for approval ended. */
export interface ApprovalDecision {
  outcome: 'approved' | 'rejected' | 'expired';
  /** Who decided; absent when it expired. */
  by?: string | undefined;
  at: Date;
}

/** A request waiting for (or past) another person's OK, as data: the surface turns it into words and buttons. */
export interface ApprovalView {
  requestId: string;
  action: string;
  requesterId: string;
  /** Where it was asked (and its message is). */
  channelId: string;
  member?: string | undefined;
  input: Record<string, unknown>;
  /** "Support line · queue". */
  target: string;
  reason?: string | undefined;
  expiresAt: Date;
  /** Absent while it waits: then it carries Approve and Reject. */
  decision?: ApprovalDecision | undefined;
}

/** What a person is told alone about a request. */
export type ApprovalNotice =
  /** To the requester: it waits for an approver. */
  | { kind: 'waiting'; view: ApprovalView }
  /** To the requester: rejected, or expired undecided. */
  | { kind: 'decided'; view: ApprovalView & { decision: ApprovalDecision } }
  /** To a decider who came too late: who decided first (or that it expired). */
  | { kind: 'too_late'; view: ApprovalView & { decision: ApprovalDecision } }
  /** To an approver, in a direct message: someone asks; `link` opens the request in its thread. */
  | { kind: 'asked'; view: ApprovalView; link?: string | undefined };

/** Whom to tell alone, and where: the thread or the message only they see that they asked from. */
export interface NoticeTarget extends Pick<SlackContext, 'answerThreadTs' | 'fromEphemeral'> {
  channelId: string;
  userId: string;
  responseUrl?: string | undefined;
}

/** What the call's thread knows before an action: its ts, and how the member acted on stands. */
export interface CallLookup {
  threadTs?: string | undefined;
  /** The member as the call's state has them; absent when the call has not seen them (or has no thread). */
  member?: CallMember | undefined;
}

/** An action sent to PHLO that has not answered yet, as data for the message saying it is on its way. */
export interface PendingAction {
  action: string;
  userId: string;
  member?: string | undefined;
  input: Record<string, unknown>;
  /** "Support line · queue". */
  target: string;
}

/** The message that said an action was on its way: the result replaces it. */
export interface Announcement {
  channelId: string;
  threadTs: string;
  ts: string;
}

/** The call's thread: its card and the replies under it. */
export interface CallThreadPort {
  /** The call's active thread, and what it knows of `member` (a canonical address) when one is given. */
  lookup(key: CallKey, member: string | undefined): Promise<CallLookup>;
  /**
   * Says in the call's thread (starting one if needed) that an action is on its way. Undefined when the
   * surface chose not to (another announcement on that channel still waits for its result).
   */
  announce(key: CallKey, pending: PendingAction): Promise<Announcement | undefined>;
  /**
   * Posts the result in the call's thread (starting one if needed), or in place of its announcement, and
   * brings the card up to date. Throws CallThreadUnavailableError, saying whether the database or Slack failed.
   */
  publish(key: CallKey, change: StateChange, result: ActionResult, announcement?: Announcement): Promise<{ threadTs: string }>;
  /** Rewrites an announcement whose action ended without a result to show (an unexpected error). */
  abandon(announcement: Announcement, pending: PendingAction): Promise<void>;
  /** Posts a request for approval in the call's thread (starting one if needed). */
  postRequest(key: CallKey, view: ApprovalView): Promise<{ threadTs: string; ts: string }>;
  /** Rewrites a request's message (once decided or expired: without its buttons). */
  updateRequest(channelId: string, ts: string, view: ApprovalView): Promise<void>;
  /** The requests for approval waiting on this call changed (one asked, decided or expired): its card redraws to list them. */
  requestsChanged(key: CallKey, threadTs: string): void;
}

/** What became of a request a Workflow Builder step made, for the step to complete or fail with. */
export type StepEnding =
  /** It reached PHLO (whatever PHLO answered): the action's record and its result. */
  | { kind: 'done'; actionId: string; result: ActionResult }
  /** It was refused before PHLO (bad input, no permission, a duplicate), or failed unexpectedly. */
  | { kind: 'refused'; error: unknown }
  /** It waited for approval and was rejected, or expired. */
  | { kind: 'decided'; view: ApprovalView & { decision: ApprovalDecision } };

/** Ends Workflow Builder step runs whose request ended after the step's own listener returned (approvals). */
export interface StepPort {
  /** Completes or fails the step run that asked for `action` (once; a run already ended is left alone). */
  finish(run: { executionId: string; action: string }, ending: StepEnding): Promise<void>;
}

/** Answers the person who asked. */
export interface Responder {
  /** To the asker alone (read-only actions, and results the channel could not take). */
  privately(slack: SlackContext, result: ActionResult): Promise<void>;
  /** A link to a message, if the surface can make one. */
  permalink(channelId: string, ts: string): Promise<string | undefined>;
  /** Tells one person alone about a request for approval. */
  notify(to: NoticeTarget, notice: ApprovalNotice): Promise<void>;
}
