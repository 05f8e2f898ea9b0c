/** The longest event-loop block while something runs, as another request waiting on the loop would feel it. */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { performance } from 'node:perf_hooks';

export interface Blocked<T> {
  result: T;
  /** The longest delay a 1 ms timer saw while `run` ran (it includes the 1 ms itself). */
  longestBlockMs: number;
  /** How long `run` took, start to finish. */
  elapsedMs: number;
}

/**
 * Runs `run` under `perf_hooks.monitorEventLoopDelay` at a 1 ms resolution: its histogram's max is the
 * longest stretch the loop could not serve a timer, which is what a Slack request arriving then waits.
 */
export async function whileWatchingTheLoop<T>(run: () => Promise<T>): Promise<Blocked<T>> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  // Let the monitor's first tick arm before the work starts.
  await new Promise((resolve) => setTimeout(resolve, 5));
  histogram.enable();
  await new Promise((resolve) => setTimeout(resolve, 5));
  const started = performance.now();
  const result = await run();
  const elapsedMs = performance.now() - started;
  // One more tick, so a block at the very end is recorded.
  await new Promise((resolve) => setTimeout(resolve, 5));
  histogram.disable();
  return { result, longestBlockMs: histogram.max / 1e6, elapsedMs };
}
