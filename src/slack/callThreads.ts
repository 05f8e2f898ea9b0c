import { applyToCallState, CallState, EMPTY_CALL_STATE, type StateChange } from '../actions/callState.js';
import { CATALOGUE, type Catalogue } from '../actions/catalogue/index.js';
import type { ActionResult, ApprovalView, CallKey, CallThreadPort } from '../actions/ports.js';
import type { Logger } from '../logger.js';
import type { CallThread, Store, ThreadRepo } from '../store/index.js';
import type { MessageView } from '../views/blocks.js';
import { actionReply } from '../views/actionReply.js';
import { approvalMessage } from '../views/approval.js';
import { callCard } from '../views/callCard.js';
import type { SlackReplies } from './replies.js';

/** A new card starts after this long without an action on the call. */
export const THREAD_IDLE_MS = 120 * 60 * 1000;

export type { CallKey } from '../actions/ports.js';

/**
 * The call's thread in a channel: the card (parent message) and its replies. The first
 * action posts the card; later ones reply under it and update it.
 */
export class CallThreads implements CallThreadPort {
  constructor(
    private readonly store: Store,
    private readonly replies: SlackReplies,
    private readonly now: () => Date,
    private readonly logger: Logger,
    /** The actions whose sentences, state changes and buttons the card and replies show. */
    private readonly catalogue: Catalogue = CATALOGUE,
  ) {}

  /** The active thread's ts, if the call has one. */
  async activeThreadTs(key: CallKey): Promise<string | undefined> {
    return (await this.findActive(this.store.threads, key))?.threadTs;
  }

  /** Posts `reply` in the call's thread (starting one if needed) and brings the card up to date. */
  async publish(key: CallKey, change: StateChange, result: ActionResult): Promise<{ threadTs: string; replyTs: string }> {
    const reply = actionReply(this.catalogue, result);
    // One card update at a time per call, here and on other instances, so two quick actions can't
    // overwrite each other's state or both start a card.
    return this.store.locks.withLock(lockKey(key), ({ threads }) => this.publishLocked(threads, key, change, reply));
  }

  /** Posts a request for approval under the call's card (posting the card first if the call has none). */
  async postRequest(key: CallKey, view: ApprovalView): Promise<{ threadTs: string; ts: string }> {
    return this.store.locks.withLock(lockKey(key), async ({ threads }) => {
      const thread = await this.findActive(threads, key);
      const at = this.now();
      let threadTs: string;
      if (thread === undefined) {
        const card = callCard(this.catalogue, { phloName: key.phlo.name, phloId: key.phlo.id, node: key.node, state: EMPTY_CALL_STATE });
        threadTs = await this.replies.post(key.channelId, card);
        await threads.create({ teamId: key.teamId, channelId: key.channelId, phloId: key.phlo.id, nodeId: key.node?.id ?? '', threadTs, state: EMPTY_CALL_STATE, at });
      } else {
        threadTs = thread.threadTs;
        await threads.update(thread.id, { lastActionAt: at });
      }
      const ts = await this.replies.post(key.channelId, approvalMessage(this.catalogue, view), threadTs);
      return { threadTs, ts };
    });
  }

  async updateRequest(channelId: string, ts: string, view: ApprovalView): Promise<void> {
    await this.replies.update(channelId, ts, approvalMessage(this.catalogue, view));
  }

  private async publishLocked(
    threads: ThreadRepo,
    key: CallKey,
    change: StateChange,
    reply: MessageView,
  ): Promise<{ threadTs: string; replyTs: string }> {
    const thread = await this.findActive(threads, key);
    const before = thread === undefined ? EMPTY_CALL_STATE : parseState(thread.state, this.logger, thread.threadTs);
    const after = applyToCallState(before, change, this.catalogue.find(change.action)?.changes);
    const card = callCard(this.catalogue, { phloName: key.phlo.name, phloId: key.phlo.id, node: key.node, state: after });
    const at = this.now();
    let threadTs: string;
    if (thread === undefined) {
      threadTs = await this.replies.post(key.channelId, card);
      await threads.create({
        teamId: key.teamId,
        channelId: key.channelId,
        phloId: key.phlo.id,
        nodeId: key.node?.id ?? '',
        threadTs,
        state: after,
        at,
      });
    } else {
      threadTs = thread.threadTs;
    }
    const replyTs = await this.replies.post(key.channelId, reply, threadTs);
    if (thread !== undefined) {
      await threads.update(thread.id, { lastActionAt: at, state: after });
      // The reply is in; a card someone deleted or Slack refused to update is not worth failing for.
      await this.replies.update(key.channelId, threadTs, card).catch((error: unknown) => {
        this.logger.warn({ err: error, channel: key.channelId, ts: threadTs }, 'could not update the call card');
      });
    }
    return { threadTs, replyTs };
  }

  /** Posts a plain note in the call's existing thread (e.g. an outcome found unknown at start). */
  async note(channelId: string, threadTs: string, view: MessageView): Promise<void> {
    await this.replies.post(channelId, view, threadTs);
  }

  private async findActive(threads: ThreadRepo, key: CallKey): Promise<CallThread | undefined> {
    if (key.threadTs !== undefined) {
      const origin = await threads.findByThreadTs(key.channelId, key.threadTs);
      if (origin !== undefined && origin.phloId === key.phlo.id && origin.nodeId === (key.node?.id ?? '')) return origin;
    }
    return threads.findActive({
      teamId: key.teamId,
      channelId: key.channelId,
      phloId: key.phlo.id,
      nodeId: key.node?.id ?? '',
      since: new Date(this.now().getTime() - THREAD_IDLE_MS),
    });
  }
}

const lockKey = (key: CallKey): string => `call-thread:${key.teamId}:${key.channelId}:${key.phlo.id}:${key.node?.id ?? ''}`;

/** A card whose stored state can't be read starts over rather than fail the action; the log says so. */
function parseState(raw: unknown, logger: Logger, threadTs: string): CallState {
  const parsed = CallState.safeParse(raw);
  if (parsed.success) return parsed.data;
  logger.warn({ err: parsed.error, threadTs }, 'call card state unreadable; the card starts over from this action');
  return EMPTY_CALL_STATE;
}
