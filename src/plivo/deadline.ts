/**
 * A deadline that acts in the I/O phase after its timer. When the event loop was blocked past it,
 * timers run before the I/O that arrived meanwhile is read; acting only after that read lets an
 * answer PHLO sent in time, or a slot freed in time, win over a deadline that passed while phlo-bot
 * was busy.
 */
export class IoDeadline {
  private readonly timer: NodeJS.Timeout;
  private expiry: NodeJS.Immediate | undefined;

  constructor(ms: number, act: () => void) {
    this.timer = setTimeout(() => {
      this.expiry = setImmediate(act);
    }, ms);
  }

  /** It will not act (harmless once it has). */
  cancel(): void {
    clearTimeout(this.timer);
    clearImmediate(this.expiry);
  }
}
