/**
 * Turns of the event loop, handed out in the order asked, a few per turn. Work that waits for its turn
 * starts after the turn has read whatever I/O arrived, so a burst of it cannot hold the loop for long:
 * Slack's requests are acknowledged and PHLO's answers read (freeing their slots) between batches.
 * Used for the requests answered early (src/slack/afterAck.ts) and for acting on PHLO's answers.
 */
export class Turns {
  private waiting: (() => void)[] = [];
  private head = 0;
  private scheduled = false;

  /** `perTurn` is asked at each turn: how many may go in it. */
  constructor(private readonly perTurn: () => number) {}

  /** Asked for and not yet given. */
  get size(): number {
    return this.waiting.length - this.head;
  }

  /** Resolves on a later turn of the event loop, after whatever I/O that turn reads. */
  next(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const end = Math.min(this.head + this.perTurn(), this.waiting.length);
      for (; this.head < end; this.head++) this.waiting[this.head]?.();
      if (this.head === this.waiting.length) {
        this.waiting = [];
        this.head = 0;
        return;
      }
      // Those already given leave the array now and then, so a line that never empties does not keep them.
      if (this.head >= COMPACT_AFTER) {
        this.waiting = this.waiting.slice(this.head);
        this.head = 0;
      }
      this.schedule();
    });
  }
}

const COMPACT_AFTER = 1024;
