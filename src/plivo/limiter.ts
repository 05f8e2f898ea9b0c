/**
 * A bound on the PHLO requests in flight: past it, requests wait their turn, first come first served,
 * so a burst queues here instead of opening a socket per request. A waiter gives up after the time it
 * is allowed (the client decides how long); it then never takes a slot.
 *
 * Giving up waits for the answers that arrived in time to be read (IoDeadline): one of them may free
 * the slot the waiter was next in line for, and a slot that was free in time is taken.
 */
import { IoDeadline } from './deadline.js';

export interface QueueState {
  /** Requests holding a slot: sent, or being sent. */
  inFlight: number;
  /** Requests waiting for a slot. */
  queued: number;
}

interface Waiter {
  grant: (granted: boolean) => void;
  timer: IoDeadline | undefined;
  gone: boolean;
}

export class ConcurrencyLimiter {
  private active = 0;
  private waiting = 0;
  // A FIFO as an array and a head index: shift() would copy the array on every release.
  private queue: Waiter[] = [];
  private head = 0;

  constructor(readonly max: number) {}

  get state(): QueueState {
    return { inFlight: this.active, queued: this.waiting };
  }

  /**
   * A slot now (`true`, no promise), or a promise of one: true once granted, false if `maxWaitMs`
   * passed first. With `maxWaitMs` ≤ 0 only a free slot will do. Every `true` must be released.
   */
  acquire(maxWaitMs: number): true | Promise<boolean> {
    if (this.active < this.max && this.waiting === 0) {
      this.active += 1;
      return true;
    }
    if (maxWaitMs <= 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter: Waiter = { grant: resolve, timer: undefined, gone: false };
      waiter.timer = new IoDeadline(maxWaitMs, () => {
        waiter.gone = true;
        this.waiting -= 1;
        resolve(false);
      });
      this.queue.push(waiter);
      this.waiting += 1;
    });
  }

  /** Frees a slot, handing it straight to the longest waiter, if any. */
  release(): void {
    for (;;) {
      const next = this.queue[this.head];
      if (next === undefined) break;
      this.head += 1;
      if (next.gone) continue;
      next.timer?.cancel();
      this.waiting -= 1;
      this.compact();
      next.grant(true); // the slot passes on: `active` stays as it is
      return;
    }
    this.compact();
    this.active -= 1;
  }

  private compact(): void {
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }
}
