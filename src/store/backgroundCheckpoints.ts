/**
 * WAL checkpoints for a SQLite file, all the time, on the checkpoint thread (checkpointer.ts) rather
 * than inside whichever commit pushes the WAL past SQLite's threshold. Under a burst that commit was
 * an action's, on the event loop: copying a thousand pages and fsyncing the file held every ack and
 * every PHLO answer behind it. Here a checkpoint runs every `everyMs` while the app writes; the WAL
 * holds at most that long's worth of writes.
 *
 * Should the thread fail (a full disk, an I/O error), SQLite's own automatic checkpoint comes back on,
 * so the WAL never grows without bound, and a new thread is started after a pause that doubles with
 * each failure in a row: the disk freed, checkpoints leave the event loop again without a restart.
 */
import { setImmediate } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { openCheckpointer, type Checkpointer, type CheckpointResult } from './checkpointer.js';
import type { Database } from './schema.js';

export const CHECKPOINT_EVERY_MS = 500;
/** The pause before the first new thread after a failure; it doubles with each failure in a row. */
export const RESTART_FIRST_MS = 1000;
export const RESTART_MAX_MS = 60_000;

export interface BackgroundCheckpointOptions {
  everyMs?: number;
  /** The first pause before a new thread (tests shorten it); doubles up to RESTART_MAX_MS. */
  restartAfterMs?: number;
  /** Told when the thread fails, or a new one cannot be started. */
  onError: (error: Error) => void;
  /** Told when a new thread has replaced a failed one. */
  onRestart?: () => void;
  onCheckpoint?: (result: CheckpointResult) => void;
}

export interface BackgroundCheckpoints {
  /**
   * A checkpoint now, on the thread; while no thread is running (it failed, and a new one is not up
   * yet) only a turn of the event loop, and `undefined`: SQLite checkpoints by itself meanwhile.
   */
  checkpoint(): Promise<CheckpointResult | undefined>;
  /** Stops the timers and ends the thread, after a checkpoint in progress. */
  close(): Promise<void>;
}

/** `undefined` when the database has nothing to checkpoint (in memory, or not in WAL mode). */
export async function startBackgroundCheckpoints(db: Kysely<Database>, options: BackgroundCheckpointOptions): Promise<BackgroundCheckpoints | undefined> {
  const first = await openCheckpointer(db);
  if (first === undefined) return undefined;
  const firstPauseMs = options.restartAfterMs ?? RESTART_FIRST_MS;
  let current: Checkpointer | undefined = first;
  let running: Promise<CheckpointResult> | undefined;
  /** The failed thread's close, then the pause before the next: settles when a new one is up or given up. */
  let restarting: Promise<void> | undefined;
  let pauseMs = firstPauseMs;
  let closing: Promise<void> | undefined;
  let restartTimer: NodeJS.Timeout | undefined;

  const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

  const restartLater = (): void => {
    const delay = pauseMs;
    pauseMs = Math.min(pauseMs * 2, RESTART_MAX_MS);
    restarting = new Promise<void>((resolve) => {
      restartTimer = setTimeout(() => {
        restartTimer = undefined;
        openCheckpointer(db)
          .then(async (next) => {
            if (closing !== undefined) await next?.close();
            else if (next !== undefined) {
              current = next;
              options.onRestart?.();
            }
            restarting = undefined;
          })
          .catch((error: unknown) => {
            options.onError(asError(error));
            if (closing === undefined) restartLater();
            else restarting = undefined;
          })
          .finally(resolve);
      }, delay);
      // Tidying only: the app's own work keeps the process alive, a pending restart must not.
      restartTimer.unref();
    });
  };

  const fail = (failed: Checkpointer, error: unknown): void => {
    if (current !== failed) return;
    current = undefined;
    options.onError(asError(error));
    // Closing gives the main connection its automatic checkpoint back; the next thread turns it off again.
    restarting = failed
      .close()
      .catch(() => undefined)
      .then(() => { if (closing === undefined) restartLater(); });
  };

  const checkpoint = (): Promise<CheckpointResult | undefined> => {
    const thread = current;
    if (thread === undefined) return setImmediate(undefined);
    running ??= thread
      .checkpoint()
      .then((result) => {
        // A checkpoint that worked ends a run of failures.
        pauseMs = firstPauseMs;
        options.onCheckpoint?.(result);
        return result;
      })
      .catch((error: unknown) => {
        fail(thread, error);
        throw error;
      })
      .finally(() => { running = undefined; });
    return running;
  };

  const timer = setInterval(() => {
    if (current === undefined || running !== undefined) return;
    // Failures are handled (and told) in checkpoint(); here there is nobody else to tell.
    checkpoint().catch(() => undefined);
  }, options.everyMs ?? CHECKPOINT_EVERY_MS);
  // The app's own work keeps the process alive; a timer that only tidies must not.
  timer.unref();
  return {
    checkpoint,
    close(): Promise<void> {
      closing ??= (async () => {
        clearInterval(timer);
        await running?.catch(() => undefined);
        if (restartTimer !== undefined) {
          // A restart still in its pause never starts (its promise is never settled: nobody awaits it).
          clearTimeout(restartTimer);
        } else {
          // One under way (closing the failed thread, opening the next) finishes, and closes what it opened.
          await restarting;
        }
        // The thread finishes a checkpoint in progress before it reads the close.
        await current?.close();
        current = undefined;
      })();
      return closing;
    },
  };
}
