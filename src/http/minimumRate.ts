/**
 * A minimum data rate for a request body, as Kestrel's `MinRequestBodyDataRate` defines one: once the
 * grace period is over, a body whose bytes so far came slower than `bytesPerSecond` on average since it
 * started is too slow. A body sent at once is never near it; a body that trickles is cut off soon after
 * the grace, instead of holding its connection for the whole request timeout.
 */
export interface MinimumRate {
  graceMs: number;
  bytesPerSecond: number;
}

export interface RateWatch {
  received(bytes: number): void;
  /** Stops the clock while the reader, not the client, holds the body up. */
  pause(): void;
  resume(): void;
  stop(): void;
}

/** Watches one body; calls `tooSlow` once, when it falls below the rate. */
export function watchRate(rate: MinimumRate, tooSlow: () => void): RateWatch {
  let start = performance.now();
  let bytes = 0;
  let pausedAt: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  // The moment the body falls behind if nothing more arrives.
  const deadline = (): number => start + Math.max(rate.graceMs, (bytes * 1000) / rate.bytesPerSecond);
  const arm = (): void => {
    clearTimeout(timer);
    // Checked only when the deadline comes, not on every chunk: a body sent at once costs one timer.
    timer = setTimeout(() => {
      timer = undefined;
      if (performance.now() >= deadline()) tooSlow();
      else arm();
    }, Math.max(0, deadline() - performance.now()));
    timer.unref();
  };
  arm();
  return {
    received: (n) => {
      bytes += n;
    },
    pause: () => {
      if (pausedAt !== undefined) return;
      pausedAt = performance.now();
      clearTimeout(timer);
    },
    resume: () => {
      if (pausedAt === undefined) return;
      start += performance.now() - pausedAt;
      pausedAt = undefined;
      arm();
    },
    stop: () => {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
