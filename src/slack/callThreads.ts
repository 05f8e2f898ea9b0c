import { applyToCallState, CallFacts, CallMember, changedMembers, EMPTY_CALL_STATE, factsOf, isOnCall, membersInvolved, type CallState, type StateChange } from '../actions/callState.js';
import { CATALOGUE, type Catalogue } from '../actions/catalogue/index.js';
import { CallThreadUnavailableError } from '../actions/errors.js';
import type { ActionResult, Announcement, ApprovalView, CallKey, CallLookup, CallThreadPort, PendingAction } from '../actions/ports.js';
import { canonicalAddress } from '../domain/address.js';
import type { Logger } from '../logger.js';
import type { CallThread, Store, ThreadKey, ThreadMember, ThreadRepo } from '../store/index.js';
import type { MessageView } from '../views/blocks.js';
import { abandonedMessage, actionReply, onItsWayMessage } from '../views/actionReply.js';
import { approvalMessage } from '../views/approval.js';
import { callCard, CARD_MEMBER_ROWS, type PendingRequest } from '../views/callCard.js';
import { LIMITS } from '../views/limits.js';
import { Coalescer } from './coalesce.js';
import { slackErrorOf } from './errors.js';
import { Pending } from './pending.js';
import type { SlackReplies } from './replies.js';

/** A Slack call in the thread's work failed (as opposed to the database): kept apart to tell the user which. */
class SlackStepError extends Error {
  constructor(cause: unknown) {
    super('a Slack call for the call thread failed', { cause });
  }
}

/** Runs one Slack call of the thread's work, marking its failure as Slack's. */
async function slackStep<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new SlackStepError(error);
  }
}

/**
 * Every step of a thread's work is a Slack call (marked) or a database read or write: the state change
 * in between is computed in memory from what was read. So an unmarked failure is the database's.
 */
function threadFailure(error: unknown): CallThreadUnavailableError {
  if (error instanceof SlackStepError) return new CallThreadUnavailableError({ part: 'slack', slackError: slackErrorOf(error.cause) }, { cause: error.cause });
  return new CallThreadUnavailableError({ part: 'store' }, { cause: error });
}

/** A new card starts after this long without an action on the call. */
export const THREAD_IDLE_MS = 120 * 60 * 1000;
const CARD_REDRAW_GAP_MS = 1000;
/** Requests waiting in a workspace read to find this call's: far more than approvers leave waiting at once. */
const PENDING_SCAN_LIMIT = 500;

export type { CallKey } from '../actions/ports.js';

/**
 * The call's thread in a channel: the card (parent message) and its replies. The first
 * action posts the card; later ones reply under it and update it.
 */
export class CallThreads implements CallThreadPort {
  /**
   * A card is redrawn at most once a second: a busy call's thread replies go out at once, and its card
   * catches up with all of them in the next redraw, within Slack's rate limit for chat.update.
   */
  private readonly cards = new Coalescer(CARD_REDRAW_GAP_MS);
  /** Card redraws asked for and not yet done (see `cardsSettled`). */
  private readonly redraws = new Pending();
  /**
   * Channels with an on-its-way message still waiting for its result. One at a time per channel: Slack
   * takes about one message a second in a channel, and a burst of slow actions must not spend that on
   * announcements, which would double its messages and delay every result behind them.
   */
  private readonly announcing = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly replies: SlackReplies,
    private readonly now: () => Date,
    private readonly logger: Logger,
    /** The actions whose sentences, state changes and buttons the card and replies show. */
    private readonly catalogue: Catalogue = CATALOGUE,
  ) {}

  /** The call's active thread and, when a member is named, how the call's state has them. */
  async lookup(key: CallKey, member: string | undefined): Promise<CallLookup> {
    if (member === undefined && key.threadTs === undefined) return { threadTs: await this.store.threads.findActiveTs(this.activeKey(key)) };
    const thread = await this.findActive(this.store.threads, key);
    if (thread === undefined || member === undefined) return { threadTs: thread?.threadTs };
    const [row] = await this.store.threads.readMembers(thread.id, [canonicalAddress(member)]);
    const known = row === undefined ? undefined : this.parseMembers([row], thread.threadTs)[row.address];
    return { threadTs: thread.threadTs, member: known };
  }

  /**
   * Says in the call's thread that an action is on its way, starting the thread (posting the card) if
   * the call has none; undefined while another one in the channel still waits for its result.
   */
  async announce(key: CallKey, pending: PendingAction): Promise<Announcement | undefined> {
    if (this.announcing.has(key.channelId)) return undefined;
    this.announcing.add(key.channelId);
    try {
      const view = onItsWayMessage(this.catalogue, pending);
      const threadTs = await this.store.locks.withLock(lockKey(key), async ({ threads }) => (await this.openThread(threads, key)).threadTs);
      const ts = await this.replies.post(key.channelId, view, threadTs);
      return { channelId: key.channelId, threadTs, ts };
    } catch (error) {
      this.announcing.delete(key.channelId);
      throw error;
    }
  }

  async abandon(announcement: Announcement, pending: PendingAction): Promise<void> {
    try {
      await this.replies.update(announcement.channelId, announcement.ts, abandonedMessage(this.catalogue, pending));
    } finally {
      this.announcing.delete(announcement.channelId);
    }
  }

  /**
   * Posts the result in the call's thread (starting one if needed), or in place of its announcement, and
   * has the card brought up to date. The state change is written under the call's lock; the reply and
   * the card are drawn outside it, so a busy call is not held to one Slack round trip at a time. Card
   * redraws are coalesced and spaced: while one runs or is due, every later change joins the next
   * redraw, which reads the state then stored. The action does not wait for its card: `cardsSettled`
   * does. A failure is a CallThreadUnavailableError that says whether the database or Slack failed.
   */
  async publish(key: CallKey, change: StateChange, result: ActionResult, announcement?: Announcement): Promise<{ threadTs: string; replyTs: string }> {
    const reply = actionReply(this.catalogue, result);
    try {
      let recorded: { threadTs: string; started: boolean };
      try {
        // One state change at a time per call, here and on other instances, so two quick actions can't
        // overwrite each other's state or both start a card.
        recorded = await this.store.locks.withLock(lockKey(key), ({ threads }) => this.recordChange(threads, key, change));
      } catch (error) {
        const failure = threadFailure(error);
        if (announcement === undefined || failure.failure.part !== 'store') throw failure;
        // The announcement is in the thread already and replacing it needs no database: the result still
        // goes there, and only the card misses this change.
        this.logger.warn({ err: error, channel: key.channelId }, 'could not record the change to the call; its result replaces its announcement, its card misses it');
        await this.replies.update(announcement.channelId, announcement.ts, reply).catch((updateError: unknown) => {
          this.logger.warn({ err: updateError, channel: key.channelId }, 'could not replace the announcement either');
          throw failure;
        });
        return { threadTs: announcement.threadTs, replyTs: announcement.ts };
      }
      const { threadTs, started } = recorded;
      const replyTs = await this.placeReply(key.channelId, threadTs, reply, announcement).catch((error: unknown) => {
        throw threadFailure(error);
      });
      if (!started) this.redrawLater(key, threadTs);
      return { threadTs, replyTs };
    } finally {
      if (announcement !== undefined) this.announcing.delete(announcement.channelId);
    }
  }

  /**
   * The result in place of its announcement, or as a new reply. An announcement Slack won't let us
   * replace (deleted meanwhile) leaves the result to a new reply: the result must be seen.
   */
  private async placeReply(channelId: string, threadTs: string, reply: MessageView, announcement: Announcement | undefined): Promise<string> {
    if (announcement !== undefined) {
      try {
        await this.replies.update(announcement.channelId, announcement.ts, reply);
        return announcement.ts;
      } catch (error) {
        this.logger.warn({ err: error, channel: channelId, ts: announcement.ts }, 'could not replace the announcement; posting the result as a reply');
      }
    }
    return slackStep(() => this.replies.post(channelId, reply, threadTs));
  }

  /** Resolves once every card redraw asked for so far has run (stopping waits for it). */
  cardsSettled(): Promise<void> {
    return this.redraws.settled();
  }

  private redrawLater(key: CallKey, threadTs: string): void {
    // redrawCard logs its own failures; nothing is left to report here.
    void this.redraws.track(this.cards.run(`${key.channelId}/${threadTs}`, () => this.redrawCard(key, threadTs)));
  }

  /** Posts a request for approval under the call's card (posting the card first if the call has none). */
  async postRequest(key: CallKey, view: ApprovalView): Promise<{ threadTs: string; ts: string }> {
    return this.store.locks.withLock(lockKey(key), async ({ threads }) => {
      const { thread, threadTs } = await this.openThread(threads, key);
      if (thread !== undefined) await threads.update(thread.id, { lastActionAt: this.now() });
      const ts = await this.replies.post(key.channelId, approvalMessage(this.catalogue, view), threadTs);
      return { threadTs, ts };
    });
  }

  /** The call's active thread, or a new one with a card of no members yet. Under the call's lock. */
  private async openThread(threads: ThreadRepo, key: CallKey): Promise<{ thread?: CallThread | undefined; threadTs: string }> {
    const thread = await this.findActive(threads, key);
    if (thread !== undefined) return { thread, threadTs: thread.threadTs };
    const threadTs = await this.replies.post(key.channelId, this.card(key, EMPTY_CALL_STATE));
    await threads.create({ teamId: key.teamId, channelId: key.channelId, phloId: key.phlo.id, nodeId: key.node?.id ?? '', threadTs, state: factsOf(EMPTY_CALL_STATE), at: this.now() });
    return { threadTs };
  }

  async updateRequest(channelId: string, ts: string, view: ApprovalView): Promise<void> {
    await this.replies.update(channelId, ts, approvalMessage(this.catalogue, view));
  }

  requestsChanged(key: CallKey, threadTs: string): void {
    this.redrawLater(key, threadTs);
  }

  /**
   * Applies the change to the call's stored state; the first change of a call posts its card. Only the
   * members the change involves are read and only those it changed are written, so an action on a busy
   * call costs what it costs on a quiet one.
   */
  private async recordChange(threads: ThreadRepo, key: CallKey, change: StateChange): Promise<{ threadTs: string; started: boolean }> {
    const thread = await this.findActive(threads, key);
    const facts = thread === undefined ? factsOf(EMPTY_CALL_STATE) : this.parseFacts(thread.state, thread.threadTs);
    const known = thread === undefined ? [] : await threads.readMembers(thread.id, membersInvolved(facts, change));
    const before: CallState = { ...facts, members: this.parseMembers(known, thread?.threadTs) };
    const after = applyToCallState(before, change, this.catalogue.find(change.action)?.changes);
    const rows = changedMembers(before, after).map(([address, member]): ThreadMember => ({ address, present: isOnCall(member), data: member }));
    const at = this.now();
    if (thread !== undefined) {
      // Both at once: the next change to this call waits for them, and together they are one commit.
      await Promise.all([threads.putMembers(thread.id, rows), threads.update(thread.id, { lastActionAt: at, state: factsOf(after) })]);
      return { threadTs: thread.threadTs, started: false };
    }
    // A new call's state holds every member it has: the first card is drawn from it directly.
    const threadTs = await slackStep(() => this.replies.post(key.channelId, this.card(key, after)));
    const created = await threads.create({ teamId: key.teamId, channelId: key.channelId, phloId: key.phlo.id, nodeId: key.node?.id ?? '', threadTs, state: factsOf(after), at });
    await threads.putMembers(created.id, rows);
    return { threadTs, started: true };
  }

  /** Redraws the card from the state stored now: the latest, whichever change wrote it. */
  private async redrawCard(key: CallKey, threadTs: string): Promise<void> {
    try {
      const thread = await this.store.threads.findByThreadTs(key.channelId, threadTs);
      if (thread === undefined) return;
      // The card has room for so many lines and buttons: it reads those members and the count of the rest.
      const listed = await this.store.threads.listMembers(thread.id, { first: CARD_MEMBER_ROWS, firstPresent: LIMITS.actionsElements });
      const state: CallState = { ...this.parseFacts(thread.state, threadTs), members: this.parseMembers(listed.members, threadTs) };
      await this.replies.update(key.channelId, threadTs, this.card(key, state, listed.total, await this.pendingRequests(key, threadTs)));
    } catch (error) {
      // The reply is in; a card someone deleted or Slack refused to update is not worth failing for.
      this.logger.warn({ err: error, channel: key.channelId, ts: threadTs }, 'could not update the call card');
    }
  }

  /** A card whose stored facts can't be read starts over rather than fail the action; the log says so. */
  private parseFacts(raw: unknown, threadTs: string): CallFacts {
    const parsed = CallFacts.safeParse(raw);
    if (parsed.success) return parsed.data;
    this.logger.warn({ err: parsed.error, threadTs }, 'call card state unreadable; the card starts over from this action');
    return factsOf(EMPTY_CALL_STATE);
  }

  /** The members as the card knows them, in the order given; one that can't be read is left off (and logged). */
  private parseMembers(rows: readonly ThreadMember[], threadTs: string | undefined): CallState['members'] {
    const members: CallState['members'] = {};
    for (const row of rows) {
      const parsed = CallMember.safeParse(row.data);
      if (parsed.success) members[row.address] = parsed.data;
      else this.logger.warn({ err: parsed.error, threadTs, member: row.address }, 'call member unreadable; the card leaves them off until an action rewrites them');
    }
    return members;
  }

  /** `memberCount`: how many members the call has, when `state` holds only the first ones. */
  private card(key: CallKey, state: CallState, memberCount?: number, pending?: PendingRequest[]): MessageView {
    return callCard(this.catalogue, { phloName: key.phlo.name, phloId: key.phlo.id, node: key.node, state, memberCount, pending });
  }

  /** The requests for approval still waiting in this call's thread, oldest first, for the card to list. */
  private async pendingRequests(key: CallKey, threadTs: string): Promise<PendingRequest[]> {
    // A redraw follows most actions: without approvals configured there is nothing to read.
    if (!this.catalogue.gatesAny) return [];
    const now = this.now().getTime();
    const waiting = await this.store.actions.awaiting({ teamId: key.teamId, limit: PENDING_SCAN_LIMIT });
    return waiting
      .filter((r) => r.channelId === key.channelId && r.threadTs === threadTs && (r.expiresAt?.getTime() ?? 0) > now)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((r) => ({ requesterId: r.userId, action: r.action, member: r.member, input: r.input ?? {}, expiresAt: r.expiresAt ?? new Date(now) }));
  }

  /** Posts a plain note in the call's existing thread (e.g. an outcome found unknown at start). */
  async note(channelId: string, threadTs: string, view: MessageView): Promise<void> {
    await this.replies.post(channelId, view, threadTs);
  }

  private activeKey(key: CallKey): ThreadKey & { since: Date } {
    return {
      teamId: key.teamId,
      channelId: key.channelId,
      phloId: key.phlo.id,
      nodeId: key.node?.id ?? '',
      since: new Date(this.now().getTime() - THREAD_IDLE_MS),
    };
  }

  private async findActive(threads: ThreadRepo, key: CallKey): Promise<CallThread | undefined> {
    if (key.threadTs !== undefined) {
      const origin = await threads.findByThreadTs(key.channelId, key.threadTs);
      if (origin !== undefined && origin.phloId === key.phlo.id && origin.nodeId === (key.node?.id ?? '')) return origin;
    }
    return threads.findActive(this.activeKey(key));
  }
}

const lockKey = (key: CallKey): string => `call-thread:${key.teamId}:${key.channelId}:${key.phlo.id}:${key.node?.id ?? ''}`;
