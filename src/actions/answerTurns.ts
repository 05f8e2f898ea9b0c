/**
 * Turns of the event loop for acting on PHLO's answers, a few per turn, in the order the answers came.
 * A burst's answers arrive together; acted on all at once, the database writes and thread replies of
 * one batch would hold the loop for tens of milliseconds, and every answer arriving meanwhile (each
 * still holding a PHLO slot that requests in line are waiting for) would wait that long to be read.
 * Bounded per turn, the loop reads new answers between batches.
 */
export class AnswerTurns {
  private waiting: (() => void)[] = [];
  private head = 0;
  private scheduled = false;

  constructor(private readonly perTurn: number) {}

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
      const end = Math.min(this.head + this.perTurn, this.waiting.length);
      for (; this.head < end; this.head++) this.waiting[this.head]?.();
      if (this.head === this.waiting.length) {
        this.waiting = [];
        this.head = 0;
      } else {
        if (this.head >= 1024) {
          this.waiting = this.waiting.slice(this.head);
          this.head = 0;
        }
        this.schedule();
      }
    });
  }
}
