/**
 * Work that may wait because Slack already has its answer. Slack gives an app three seconds to
 * acknowledge a request and shows the user an error when it misses them; the work behind an ack (the
 * database, PHLO, the thread reply) has no such clock. In a burst both compete for one event loop, so
 * the line starts its jobs a few per turn of the loop, after the turn has read whatever arrived, and
 * fewer while requests are still arriving: every waiting request is acknowledged first, and the jobs
 * go faster as soon as nothing is waiting.
 */
const COMPACT_AFTER = 1024;

export class AfterAckLine {
  private readonly waiting: (() => Promise<void>)[] = [];
  private head = 0;
  private readonly running = new Set<Promise<void>>();
  private scheduled = false;
  private readonly settled: (() => void)[] = [];

  constructor(
    /** Jobs started per turn of the event loop while requests wait for their acks; `idlePerTurn` otherwise. */
    private readonly perTurn: { busy: number; idle: number; isBusy: () => boolean },
    /** Longest line: past it a request is not acknowledged early (see `hasRoom`). */
    private readonly capacity: number,
    private readonly onFailure: (error: unknown) => void,
  ) {}

  /** Jobs waiting to start. */
  get size(): number {
    return this.waiting.length - this.head;
  }

  /** Whether another job fits; a full line means the app is far behind, and acks should slow down with it. */
  hasRoom(): boolean {
    return this.size < this.capacity;
  }

  push(job: () => Promise<void>): void {
    this.waiting.push(job);
    this.schedule();
  }

  /** Resolves once every job pushed so far, and any they push, has run and settled. */
  async drain(): Promise<void> {
    while (this.size > 0 || this.running.size > 0) {
      await new Promise<void>((resolve) => { this.settled.push(resolve); });
    }
  }

  private schedule(): void {
    if (this.scheduled || this.size === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.startSome();
    });
  }

  private startSome(): void {
    const count = this.perTurn.isBusy() ? this.perTurn.busy : this.perTurn.idle;
    for (let i = 0; i < count && this.size > 0; i++) {
      const job = this.waiting[this.head];
      this.head++;
      if (job !== undefined) this.start(job);
    }
    // Started jobs leave the array now and then, so a line that never empties does not keep them.
    if (this.size === 0 || this.head >= COMPACT_AFTER) {
      this.waiting.splice(0, this.head);
      this.head = 0;
    }
    this.schedule();
  }

  private start(job: () => Promise<void>): void {
    const running = job().then(undefined, this.onFailure).finally(() => {
      this.running.delete(running);
      this.wake();
    });
    this.running.add(running);
  }

  private wake(): void {
    if (this.size > 0 || this.running.size > 0) return;
    for (const resolve of this.settled.splice(0)) resolve();
  }
}
