import type { ActionRecord, ThreadMember, CallThread, Outcome } from './schema.js';

export type { ActionRecord, ThreadMember, CallThread, Outcome };

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** Resolves when the database answers a trivial query; rejects with StoreUnavailableError otherwise. */
  ping(): Promise<void>;
  /**
   * Resolves when the database takes writes: at once while the last write that changed a row went
   * through; after writes failed, once a probe write (one row, updated in place) goes through.
   * Rejects with StoreNotWritableError, naming the database's reason, while they still fail.
   */
  writable(): Promise<void>;
  /** Writes what `heldOutcomes` holds once more (a few seconds at most), then closes the database. */
  close(): Promise<void>;
  /** Outcomes the database refused, written again in the background until it takes them. */
  readonly heldOutcomes: HeldOutcomeQueue;
  readonly threads: ThreadRepo;
  readonly actions: ActionRepo;
  readonly seenRequests: SeenRequestRepo;
  /** Slack deliveries taken on (events by `event_id`, step runs by `function_execution_id`). */
  readonly deliveries: DeliveryRepo;
  readonly locks: LockRepo;
}

export interface HeldOutcomeQueue {
  /**
   * Keeps an outcome `actions.recordOutcome` could not write and writes it later, oldest first, with
   * a pause that doubles while the database refuses. False when the queue is full (10,000 held): this
   * one is not kept, and its row stays `pending` until a restart marks it `unknown`.
   */
  hold(actionId: string, update: OutcomeUpdate): boolean;
  /** How many are held now. */
  readonly size: number;
}

export interface LockRepo {
  /**
   * Runs `task` while holding the lock named `key`, here and on every instance sharing the
   * database; `locked.threads` reads and writes on the lock's own connection. Rejects with
   * LockTimeoutError after `waitMs` (default 30 s) rather than run unlocked.
   */
  withLock<T>(key: string, task: (locked: { threads: ThreadRepo }) => Promise<T>, waitMs?: number): Promise<T>;
}

export interface SeenRequestRepo {
  /**
   * Notes a request's signature until `expiresAt`; true the first time (or once an earlier note has
   * expired), false when it was already noted: one statement, so two instances can't both see "first".
   */
  firstSighting(signature: string, at: Date, expiresAt: Date): Promise<boolean>;
  /** Forgets expired signatures; returns how many. */
  prune(at: Date): Promise<number>;
}

export interface DeliveryRepo {
  /**
   * Takes on a Slack delivery under `keys` until `expiresAt`: true when none of them was taken (or
   * every earlier note has expired), false when any was, by this instance or another. One statement,
   * so two instances can't both take the same key.
   */
  claim(keys: readonly string[], at: Date, expiresAt: Date): Promise<boolean>;
  /** Forgets expired deliveries; returns how many. */
  prune(at: Date): Promise<number>;
}

export interface ThreadKey {
  teamId: string;
  channelId: string;
  phloId: string;
  nodeId: string;
}

export interface NewThread extends ThreadKey {
  threadTs: string;
  state: unknown;
  at: Date;
}

/** Fields left undefined are unchanged (so `state: null` clears the state, `state: undefined` keeps it). */
export interface ThreadPatch {
  lastActionAt?: Date;
  state?: unknown;
}

export interface ThreadRepo {
  /** The newest thread for this call node in this channel whose lastActionAt >= since. */
  findActive(q: ThreadKey & { since: Date }): Promise<CallThread | undefined>;
  /** The same thread's ts alone: a busy call's state is large, and this is asked once per action. */
  findActiveTs(q: ThreadKey & { since: Date }): Promise<string | undefined>;
  create(t: NewThread): Promise<CallThread>;
  /** Throws RowNotFoundError when no thread has this id. */
  update(id: string, patch: ThreadPatch): Promise<void>;
  get(id: string): Promise<CallThread | undefined>;
  /** The thread whose parent message is `threadTs` in this channel (the newest, should there be several). */
  findByThreadTs(channelId: string, threadTs: string): Promise<CallThread | undefined>;
  /** Those of `addresses` the thread has seen, in the order it first saw them. */
  readMembers(threadId: string, addresses: readonly string[]): Promise<ThreadMember[]>;
  /**
   * Writes these members of the thread: a member seen before keeps their place, a new one goes after
   * everyone seen so far (in the order given). Callers write under the call's lock.
   */
  putMembers(threadId: string, members: readonly ThreadMember[]): Promise<void>;
  /**
   * The members a card can show without reading them all: the first `first` seen, together with the
   * first `firstPresent` still on the call, in the order seen, and how many the thread has in all.
   */
  listMembers(threadId: string, q: { first: number; firstPresent: number }): Promise<{ members: ThreadMember[]; total: number }>;
}

/** What an attempt is recorded with before its outcome is known. `createdAt` defaults to the store's clock. */
export type NewAction = Partial<Pick<ActionRecord, 'createdAt'>> &
  Pick<
    ActionRecord,
    'teamId' | 'channelId' | 'threadTs' | 'userId' | 'action' | 'phloId' | 'nodeId' | 'member' | 'params' | 'dedupKey' | 'duplicateOf'
  > &
  Partial<Pick<ActionRecord, 'approvedBy' | 'requestId' | 'reason' | 'source' | 'stepExecutionId'>>;

/** A request that waits for another person's OK until `expiresAt`. */
export type NewRequest = NewAction & { input: Record<string, unknown>; expiresAt: Date };

export interface Decision {
  id: string;
  outcome: 'approved' | 'rejected';
  by: string;
  at: Date;
}

/** `decided`: this decision was the one; otherwise the request as it stands (decided by someone else, expired, unknown). */
export type DecideResult = { decided: true; request: ActionRecord } | { decided: false; request: ActionRecord | undefined };

export type FinalOutcome = Exclude<Outcome, 'pending'>;

export interface OutcomeUpdate {
  outcome: FinalOutcome;
  httpStatus?: number;
  apiId?: string;
  error?: string;
  latencyMs?: number;
  /** Set when the thread became known only after the intent was written (the first action of a call). */
  threadTs?: string;
  /** The action this one duplicated, when it was refused as a duplicate. */
  duplicateOf?: string;
  at: Date;
}

export type FinalAction = NewAction & {
  outcome: 'denied' | 'invalid' | 'duplicate';
  error?: string;
  duplicateOf?: string;
};

export interface HistoryQuery {
  teamId: string;
  channelId: string;
  member?: string;
  limit: number;
  offset?: number;
  /** Only actions older than this one, in the history's order: the next page after it (keyset paging). */
  before?: HistoryCursor;
}

/** Where a page of history ended: its last (oldest) action's time and id. */
export interface HistoryCursor {
  createdAt: Date;
  id: string;
}

export interface ByUserQuery {
  teamId: string;
  userId: string;
  limit: number;
}

export interface ClaimRequest {
  dedupKey: string;
  actionId: string;
  at: Date;
  /** How long an unreleased claim holds the key, so a crashed instance cannot lock it forever. */
  inFlightTtlMs: number;
}

export type ClaimResult = { claimed: true } | { claimed: false; heldBy: string };

export interface ReleaseRequest {
  dedupKey: string;
  actionId: string;
  at: Date;
  /** The key stays held until at + windowMs, so a repeat right after completion is still a duplicate. */
  windowMs: number;
}

export interface ActionRepo {
  /** Writes the intent with outcome 'pending', before PHLO is called. */
  recordIntent(a: NewAction): Promise<ActionRecord>;
  /**
   * Completes a pending action (or one the start-up sweep already marked 'unknown': the real outcome is
   * better). Throws RowNotFoundError for an unknown id, ActionAlreadyCompletedError for any other outcome.
   */
  recordOutcome(id: string, o: OutcomeUpdate): Promise<void>;
  /**
   * Sets the thread of an action whose reply started a new call thread after its outcome was recorded.
   * Throws RowNotFoundError for an unknown id.
   */
  attachThread(id: string, threadTs: string): Promise<void>;
  /** An attempt that never reaches PHLO, written complete in one insert. */
  recordFinal(a: FinalAction): Promise<ActionRecord>;
  get(id: string): Promise<ActionRecord | undefined>;
  /** Marks pending rows created before `olderThan` as 'unknown' (completed at `at`) and returns them, oldest first. */
  expireStalePending(olderThan: Date, at: Date): Promise<ActionRecord[]>;
  /** Newest first. */
  history(q: HistoryQuery): Promise<ActionRecord[]>;
  /** Newest first. */
  byUser(q: ByUserQuery): Promise<ActionRecord[]>;
  /**
   * Deletes actions created before `olderThan` (and claims that have expired, and threads idle since
   * before it), in bounded batches with the event loop free between them; returns how many actions.
   * Instances sharing a PostgreSQL database may prune at once: each row is deleted and counted once.
   */
  prune(olderThan: Date): Promise<number>;
  /** Writes a request with outcome 'awaiting_approval'. */
  recordRequest(r: NewRequest): Promise<ActionRecord>;
  /** Notes where the request's message is. */
  attachRequestMessage(id: string, threadTs: string, requestTs: string): Promise<void>;
  /**
   * Approves or rejects a request still awaiting approval and not past its deadline: one conditional
   * UPDATE, so of two deciders (on any instance) exactly one gets `decided: true`.
   */
  decide(d: Decision): Promise<DecideResult>;
  /** Marks the requests whose deadline is at or before `at` as 'expired' and returns them: each once, whoever sweeps. */
  expireRequests(at: Date): Promise<ActionRecord[]>;
  /** Requests awaiting approval in a workspace, soonest deadline first. */
  awaiting(q: { teamId: string; limit: number }): Promise<ActionRecord[]>;
  /** Atomically takes `dedupKey` for `actionId` unless another action holds it (in flight, or within its window). */
  claim(q: ClaimRequest): Promise<ClaimResult>;
  /** Keeps the key held until at + windowMs, if `actionId` still holds it. */
  release(q: ReleaseRequest): Promise<void>;
}
