/**
 * What the pipeline needs from the surface it answers on, and nothing more. Slack implements
 * these (src/slack); the pipeline never builds a message or calls Slack itself.
 */
import type { NodeTarget, PhloTarget } from '../config/index.js';
import type { PhloError } from '../plivo/index.js';
import type { FollowUp } from './catalogue/index.js';
import type { StateChange } from './callState.js';
import type { SlackContext } from './types.js';

export type ActionOutcome = 'ok' | 'failed' | 'unknown';

/** One call: a multiparty call node (or, for runs, the PHLO) in one channel. */
export interface CallKey {
  teamId: string;
  channelId: string;
  phlo: PhloTarget;
  node?: NodeTarget | undefined;
  /** A thread the request came from (a button on it); used when it is this call's. */
  threadTs?: string | undefined;
}

/** Something the reader must know beside the result itself. */
export type ResultNote =
  /** The result could not be posted in the channel, so only the asker sees it. */
  | { kind: 'thread_unavailable' }
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
}

/** The call's thread: its card and the replies under it. */
export interface CallThreadPort {
  /** The active thread's ts, if the call has one. */
  activeThreadTs(key: CallKey): Promise<string | undefined>;
  /** Posts the result in the call's thread (starting one if needed) and brings the card up to date. */
  publish(key: CallKey, change: StateChange, result: ActionResult): Promise<{ threadTs: string }>;
}

/** Answers the person who asked. */
export interface Responder {
  /** To the asker alone (read-only actions, and results the channel could not take). */
  privately(slack: SlackContext, result: ActionResult): Promise<void>;
  /** A link to a message, if the surface can make one. */
  permalink(channelId: string, ts: string): Promise<string | undefined>;
}
