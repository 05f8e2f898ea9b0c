/**
 * History retention (`history_retention_days`; see docs/storage.md): actions older than the configured number of
 * days are deleted once at start and then daily. Several instances on one database may all prune: a
 * delete by age is the same whoever runs it.
 */
import type { Logger } from './logger.js';
import type { Store } from './store/index.js';

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionOptions {
  store: Pick<Store, 'actions'>;
  logger: Logger;
  /** Keep this many days of history. */
  days: number;
  now: () => Date;
  /** Between prunes; daily by default. */
  intervalMs?: number;
  /** Before the first prune; 0 (right after start) by default. */
  firstRunDelayMs?: number;
}

export interface Retention {
  /** Prunes now; resolves with how many actions were deleted. Errors are logged, not thrown (0 then). */
  runOnce(): Promise<number>;
  /** Cancels the timer and waits for a prune in progress, so the store can be closed after it. */
  stop(): Promise<void>;
}

export function startRetention(options: RetentionOptions): Retention {
  const intervalMs = options.intervalMs ?? DAY_MS;
  let running: Promise<number> | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const runOnce = (): Promise<number> => {
    // One prune at a time: a slow one is not overtaken by the next tick.
    running ??= (async () => {
      const cutoff = new Date(options.now().getTime() - options.days * DAY_MS);
      try {
        const deleted = await options.store.actions.prune(cutoff);
        options.logger.info({ deleted, olderThan: cutoff.toISOString(), retentionDays: options.days }, 'history pruned');
        return deleted;
      } catch (error) {
        options.logger.warn({ err: error, retentionDays: options.days }, 'history prune failed; will try again at the next run');
        return 0;
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  const schedule = (delayMs: number): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      void runOnce().finally(() => { schedule(intervalMs); });
    }, delayMs);
    // Never the reason the process stays up.
    timer.unref();
  };
  schedule(options.firstRunDelayMs ?? 0);

  return {
    runOnce,
    async stop(): Promise<void> {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      if (running !== undefined) await running;
    },
  };
}
