import { performance } from 'node:perf_hooks';

/**
 * How many requests have arrived and are not answered yet, and when the last one arrived: in a burst
 * the count touches zero between one answer and the next request, so "quiet" also needs a short gap.
 */
export class RequestsInProgress {
  private count = 0;
  private lastStartedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly quietAfterMs: number) {}

  readonly started = (): void => {
    this.count += 1;
    this.lastStartedAt = performance.now();
  };

  readonly ended = (): void => {
    this.count -= 1;
  };

  /** Whether a request waits for its answer, or one arrived within the last `quietAfterMs`. */
  busy(): boolean {
    return this.count > 0 || performance.now() - this.lastStartedAt < this.quietAfterMs;
  }
}
