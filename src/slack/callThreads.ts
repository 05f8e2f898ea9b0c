import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { applyToCallState, CallState, EMPTY_CALL_STATE, type StateChange } from '../actions/callState.js';
import { CATALOGUE, type Catalogue } from '../actions/catalogue/index.js';
import type { ActionResult, CallKey, CallThreadPort } from '../actions/ports.js';
import type { Logger } from '../logger.js';
import type { CallThread, Store } from '../store/index.js';
import type { MessageView } from '../views/blocks.js';
import { actionReply } from '../views/actionReply.js';
import { callCard } from '../views/callCard.js';
import { KeyedMutex } from './keyedMutex.js';
import type { SlackReplies } from './replies.js';

/** How long one publish may hold the call's lock (Slack calls are bounded well inside it). */
const LOCK_TTL_MS = 30_000;
/** How long to wait for another instance's publish before going ahead. */
const LOCK_WAIT_MS = 10_000;

/** A new card starts after this long without an action on the call (SPEC §5). */
export const THREAD_IDLE_MS = 120 * 60 * 1000;

export type { CallKey } from '../actions/ports.js';

/**
 * The call's thread in a channel: the card (parent message) and its replies. The first
 * action posts the card; later ones reply under it and update it.
 */
export class CallThreads implements CallThreadPort {
  private readonly mutex = new KeyedMutex();

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
    return (await this.findActive(key))?.threadTs;
  }

  /** Posts `reply` in the call's thread (starting one if needed) and brings the card up to date. */
  async publish(key: CallKey, change: StateChange, result: ActionResult): Promise<{ threadTs: string; replyTs: string }> {
    const reply = actionReply(this.catalogue, result);
    // One card update at a time per call, so two quick actions can't overwrite each other's
    // state or both start a card: in this process by a mutex, across instances by a lock row.
    const callKey = `${key.teamId}:${key.channelId}:${key.phlo.id}:${key.node?.id ?? ''}`;
    return this.mutex.run(callKey, () => this.withCallLock(callKey, () => this.publishLocked(key, change, reply)));
  }

  private async publishLocked(key: CallKey, change: StateChange, reply: MessageView): Promise<{ threadTs: string; replyTs: string }> {
    const thread = await this.findActive(key);
    const before = thread === undefined ? EMPTY_CALL_STATE : parseState(thread.state);
    const after = applyToCallState(before, change, this.catalogue.find(change.action)?.changes);
    const card = callCard(this.catalogue, { phloName: key.phlo.name, phloId: key.phlo.id, node: key.node, state: after });
    const at = this.now();
    let threadTs: string;
    if (thread === undefined) {
      threadTs = await this.replies.post(key.channelId, card);
      await this.store.threads.create({
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
      await this.store.threads.update(thread.id, { lastActionAt: at, state: after });
      // The reply is in; a card someone deleted or Slack refused to update is not worth failing for.
      await this.replies.update(key.channelId, threadTs, card).catch((error: unknown) => {
        this.logger.warn({ err: error, channel: key.channelId, ts: threadTs }, 'could not update the call card');
      });
    }
    return { threadTs, replyTs };
  }

  /**
   * Holds a short-lived claim on the call in the shared database while `task` runs, so
   * instances take turns. A holder that dies frees it after LOCK_TTL_MS; a waiter that gives up
   * goes ahead unlocked rather than lose the reply.
   */
  private async withCallLock<T>(callKey: string, task: () => Promise<T>): Promise<T> {
    const lock = { dedupKey: `call-thread:${callKey}`, actionId: randomUUID() };
    const deadline = performance.now() + LOCK_WAIT_MS;
    let held = false;
    while (!held) {
      held = (await this.store.actions.claim({ ...lock, at: this.now(), inFlightTtlMs: LOCK_TTL_MS })).claimed;
      if (held) break;
      if (performance.now() > deadline) {
        this.logger.warn({ callKey }, 'call thread still locked by another instance; going ahead');
        break;
      }
      await sleep(25 + Math.random() * 50);
    }
    try {
      return await task();
    } finally {
      if (held) await this.store.actions.release({ ...lock, at: this.now(), windowMs: 0 });
    }
  }

  /** Posts a plain note in the call's existing thread (e.g. an outcome found unknown at start). */
  async note(channelId: string, threadTs: string, view: MessageView): Promise<void> {
    await this.replies.post(channelId, view, threadTs);
  }

  private async findActive(key: CallKey): Promise<CallThread | undefined> {
    if (key.threadTs !== undefined) {
      const origin = await this.store.threads.findByThreadTs(key.channelId, key.threadTs);
      if (origin !== undefined && origin.phloId === key.phlo.id && origin.nodeId === (key.node?.id ?? '')) return origin;
    }
    return this.store.threads.findActive({
      teamId: key.teamId,
      channelId: key.channelId,
      phloId: key.phlo.id,
      nodeId: key.node?.id ?? '',
      since: new Date(this.now().getTime() - THREAD_IDLE_MS),
    });
  }
}

function parseState(raw: unknown): CallState {
  const parsed = CallState.safeParse(raw);
  return parsed.success ? parsed.data : EMPTY_CALL_STATE;
}
