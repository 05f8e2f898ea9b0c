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
  let check: NodeJS.Timeout | undefined;
  // The moment the body falls behind if nothing more arrives.
  const deadline = (): number => start + Math.max(rate.graceMs, (bytes * 1000) / rate.bytesPerSecond);
  const disarm = (): void => {
    clearTimeout(timer);
    clearTimeout(check);
    timer = undefined;
    check = undefined;
  };
  const arm = (): void => {
    disarm();
    // Checked only when the deadline comes, not on every chunk: a body sent at once costs one timer.
    timer = setTimeout(() => {
      timer = undefined;
      // Timers run before the event loop reads its sockets: after a busy stretch of the server's own,
      // bytes the client sent in time may still wait to be read. Decide on the next turn, once they have
      // been (a timer set from a timer runs after the loop's next read of its sockets).
      check = setTimeout(() => {
        check = undefined;
        if (performance.now() >= deadline()) tooSlow();
        else arm();
      }, 0);
      check.unref();
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
      disarm();
    },
    resume: () => {
      if (pausedAt === undefined) return;
      start += performance.now() - pausedAt;
      pausedAt = undefined;
      arm();
    },
    stop: disarm,
  };
}
