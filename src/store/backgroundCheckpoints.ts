/**
 * WAL checkpoints for a SQLite file, all the time, on the checkpoint thread (checkpointer.ts) rather
 * than inside whichever commit pushes the WAL past SQLite's threshold. Under a burst that commit was
 * an action's, on the event loop: copying a thousand pages and fsyncing the file held every ack and
 * every PHLO answer behind it. Here a checkpoint runs every `everyMs` while the app writes; the WAL
 * holds at most that long's worth of writes. Should the thread fail, SQLite's own automatic
 * checkpoint comes back on, so the WAL never grows without bound.
 */
import type { Kysely } from 'kysely';
import { openCheckpointer, type Checkpointer, type CheckpointResult } from './checkpointer.js';
import type { Database } from './schema.js';

export const CHECKPOINT_EVERY_MS = 500;

export interface BackgroundCheckpoints extends Checkpointer {
  /** Stops the timer and ends the thread, after a checkpoint in progress. */
  close(): Promise<void>;
}

/** `undefined` when the database has nothing to checkpoint (in memory, or not in WAL mode). */
export async function startBackgroundCheckpoints(
  db: Kysely<Database>,
  options: { everyMs?: number; onError: (error: Error) => void; onCheckpoint?: (result: CheckpointResult) => void },
): Promise<BackgroundCheckpoints | undefined> {
  const checkpointer = await openCheckpointer(db);
  if (checkpointer === undefined) return undefined;
  let running: Promise<CheckpointResult> | undefined;
  let failed = false;
  const checkpoint = (): Promise<CheckpointResult> => {
    running ??= checkpointer
      .checkpoint()
      .then((result) => {
        options.onCheckpoint?.(result);
        return result;
      })
      .finally(() => { running = undefined; });
    return running;
  };
  const timer = setInterval(() => {
    if (failed || running !== undefined) return;
    checkpoint().catch((error: unknown) => {
      failed = true;
      clearInterval(timer);
      options.onError(error instanceof Error ? error : new Error(String(error)));
      // Closing gives the main connection its automatic checkpoint back.
      checkpointer.close().catch(() => undefined);
    });
  }, options.everyMs ?? CHECKPOINT_EVERY_MS);
  // The app's own work keeps the process alive; a timer that only tidies must not.
  timer.unref();
  let closing: Promise<void> | undefined;
  return {
    checkpoint,
    close(): Promise<void> {
      closing ??= (async () => {
        clearInterval(timer);
        // The thread finishes a checkpoint in progress before it reads the close.
        await checkpointer.close();
        await running?.catch(() => undefined);
      })();
      return closing;
    },
  };
}
