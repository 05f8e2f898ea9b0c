/**
 * Action outcomes the database refused, kept in memory and written again in the background until it
 * takes them.
 *
 * PHLO has acted by the time an outcome is written, so giving up on the write leaves a `pending` row
 * that reads `unknown` after the next restart: an agent told "check the call" about ten transfers
 * PHLO carried out. Here the outcome is kept, oldest first, and written again after a pause that
 * doubles while the database keeps refusing (a second, then up to half a minute), with nobody
 * waiting on it. Each round writes the oldest first and stops at the first refusal: the database is
 * still down, and the rest would only be refused too.
 *
 * The queue is bounded: past `capacity` a new outcome is not kept (the ones already held go on being
 * retried), and each keeps at most HELD_ERROR_CHARS of its error text. A row whose outcome was not
 * kept stays `pending` and is marked `unknown` at the next start; the outcome itself is in the log
 * line the caller writes. Held outcomes live in memory only: a process that stops leaves their rows
 * `pending`, as a crash does, after one last try (`flush`) on the way out.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { ActionAlreadyCompletedError, RowNotFoundError } from './errors.js';
import type { OutcomeUpdate } from './types.js';

export const HELD_OUTCOMES_CAPACITY = 10_000;
/**
 * The error text a held outcome keeps: PHLO's own words can be as long as its answer (up to 1 MiB),
 * and the bound on memory is this times the capacity, about 10 MB at most. The caller's log line
 * has the whole text.
 */
export const HELD_ERROR_CHARS = 1000;
export const RETRY_FIRST_MS = 1000;
export const RETRY_MAX_MS = 30_000;
/** Between the rounds of a flush on the way out. */
const FLUSH_PAUSE_MS = 100;

/**
 * What became of one try: `written`; `failed` (still held); `settled` (the row already had a final
 * outcome, or was pruned: nothing left to write); `over_capacity` (not held at all).
 */
export type HeldOutcomeEvent = 'written' | 'failed' | 'settled' | 'over_capacity';

export interface HeldOutcomeOptions {
  capacity?: number;
  /** The first pause (tests shorten it); it doubles while writes fail, up to RETRY_MAX_MS. */
  retryAfterMs?: number;
  onEvent?: (event: HeldOutcomeEvent, actionId: string, error?: unknown) => void;
}

export class HeldOutcomes {
  /** In the order they were held: a Map iterates in insertion order. */
  private readonly held = new Map<string, OutcomeUpdate>();
  private readonly capacity: number;
  private readonly firstPauseMs: number;
  private pauseMs: number;
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly write: (actionId: string, update: OutcomeUpdate) => Promise<void>,
    private readonly options: HeldOutcomeOptions = {},
  ) {
    this.capacity = options.capacity ?? HELD_OUTCOMES_CAPACITY;
    this.firstPauseMs = options.retryAfterMs ?? RETRY_FIRST_MS;
    this.pauseMs = this.firstPauseMs;
  }

  get size(): number {
    return this.held.size;
  }

  /** Keeps the outcome for writing later; false when the queue is full and it was not kept. */
  hold(actionId: string, update: OutcomeUpdate): boolean {
    if (this.closed || (this.held.size >= this.capacity && !this.held.has(actionId))) {
      this.options.onEvent?.('over_capacity', actionId);
      return false;
    }
    const { error } = update;
    this.held.set(actionId, error === undefined || error.length <= HELD_ERROR_CHARS ? update : { ...update, error: `${error.slice(0, HELD_ERROR_CHARS)}…` });
    this.schedule();
    return true;
  }

  /**
   * Rounds now, one after another a moment apart, until none is held or `withinMs` has passed (a write
   * still running then is left to finish on its own); resolves with how many are still held. For the way
   * out: nothing is retried after this. More than one round, because the first may meet a connection the
   * database has just dropped (the very moment it came back), which the next one no longer does.
   */
  async flush(withinMs: number): Promise<number> {
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    let timeout: NodeJS.Timeout | undefined;
    const until = Date.now() + withinMs;
    const deadline = new Promise<void>((resolve) => { timeout = setTimeout(resolve, withinMs); });
    try {
      while (this.held.size > 0 && Date.now() < until) {
        // A round under way is the first try; otherwise one is started now.
        await Promise.race([this.round ?? this.startRound(), deadline]);
        if (this.held.size > 0 && Date.now() < until) await Promise.race([delay(FLUSH_PAUSE_MS), deadline]);
      }
    } finally {
      clearTimeout(timeout);
    }
    return this.held.size;
  }

  private schedule(): void {
    if (this.closed || this.timer !== undefined || this.round !== undefined || this.held.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.startRound();
    }, this.pauseMs);
    // The app's own work keeps the process alive; a retry must not keep a stopped one from exiting.
    this.timer.unref();
  }

  private startRound(): Promise<void> {
    this.round = this.writeOldestFirst().finally(() => {
      this.round = undefined;
      this.schedule();
    });
    return this.round;
  }

  private async writeOldestFirst(): Promise<void> {
    for (const [actionId, update] of [...this.held]) {
      try {
        await this.write(actionId, update);
        this.held.delete(actionId);
        this.options.onEvent?.('written', actionId);
      } catch (error) {
        if (error instanceof ActionAlreadyCompletedError || error instanceof RowNotFoundError) {
          this.held.delete(actionId);
          this.options.onEvent?.('settled', actionId, error);
          continue;
        }
        this.options.onEvent?.('failed', actionId, error);
        this.pauseMs = Math.min(this.pauseMs * 2, RETRY_MAX_MS);
        return;
      }
    }
    this.pauseMs = this.firstPauseMs;
  }
}
