import { performance } from 'node:perf_hooks';

/**
 * Turns of the event loop, handed out in the order asked, a few per turn. Work that waits for its turn
 * starts after the turn has read whatever I/O arrived, so a burst of it cannot hold the loop for long:
 * Slack's requests are acknowledged and PHLO's answers read (freeing their slots) between batches.
 * Used for the requests answered early (src/slack/afterAck.ts) and for acting on PHLO's answers.
 */
export class Turns {
  private waiting: (() => void)[] = [];
  /** When each waiter asked (performance.now()), in step with `waiting`. */
  private askedAt: number[] = [];
  private head = 0;
  private scheduled = false;

  /**
   * `perTurn` is asked at each turn how many may go in it, given how long the first in line has
   * waited (ms). Zero holds the line: it is asked again after `RECHECK_MS`, not on the next turn, so
   * a held line does not keep an otherwise idle loop spinning.
   */
  constructor(private readonly perTurn: (oldestWaitedMs: number) => number) {}

  /** Asked for and not yet given. */
  get size(): number {
    return this.waiting.length - this.head;
  }

  /** Resolves on a later turn of the event loop, after whatever I/O that turn reads. */
  next(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      this.askedAt.push(performance.now());
      this.schedule(false);
    });
  }

  private schedule(held: boolean): void {
    if (this.scheduled) return;
    this.scheduled = true;
    if (held) setTimeout(this.turn, RECHECK_MS);
    else setImmediate(this.turn);
  }

  private readonly turn = (): void => {
    this.scheduled = false;
    const allowed = this.perTurn(performance.now() - (this.askedAt[this.head] ?? 0));
    const end = Math.min(this.head + allowed, this.waiting.length);
    for (; this.head < end; this.head++) this.waiting[this.head]?.();
    if (this.head === this.waiting.length) {
      this.waiting = [];
      this.askedAt = [];
      this.head = 0;
      return;
    }
    // Those already given leave the arrays now and then, so a line that never empties does not keep them.
    if (this.head >= COMPACT_AFTER) {
      this.waiting = this.waiting.slice(this.head);
      this.askedAt = this.askedAt.slice(this.head);
      this.head = 0;
    }
    this.schedule(allowed <= 0);
  };
}

const COMPACT_AFTER = 1024;
/** How soon a held line is looked at again. */
const RECHECK_MS = 2;
