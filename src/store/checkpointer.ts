/**
 * SQLite WAL checkpoints on a thread of their own, for as long as the store is open (see
 * backgroundCheckpoints.ts, which also lends it to the retention prune).
 *
 * A checkpoint copies the pages written since the last one from the WAL into the database file and
 * fsyncs it. SQLite's automatic one runs inside the commit that pushes the WAL past 1,000 pages, so on
 * better-sqlite3 it runs on the event loop: a prune deleting in 10 ms batches still held the loop for
 * hundreds of milliseconds at a time while the disk synced pages scattered over five indexes. While a
 * checkpointer is open the main connection's automatic checkpoint is off; `checkpoint()` asks a second
 * connection on a worker thread to do it, and the loop stays free meanwhile. Awaiting it after each
 * batch keeps the WAL near one batch: a checkpoint that copied every frame lets the next write start
 * the WAL over, where one racing the writes would let it grow for the whole prune.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { CheckpointFailedError } from './errors.js';
import type { Database } from './schema.js';

/** What one checkpoint found: pages in the WAL, and how many of them are now in the database file. */
export interface CheckpointResult {
  walPages: number;
  copiedPages: number;
}

export interface Checkpointer {
  /** Copies the WAL into the database file off the event loop; resolves when that is done. One at a time. */
  checkpoint(): Promise<CheckpointResult>;
  /** Ends the thread and turns the main connection's automatic checkpoint back on. */
  close(): Promise<void>;
}

/** Plain CommonJS, run with `eval`, so it needs no build step under tsx, vitest or the built app. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.driver);
let db;
try {
  // Short: the app's writes hold the lock for a turn at most, and a busy app restarts the WAL itself.
  db = new SQLite(workerData.file, { fileMustExist: true, timeout: 50 });
  // Reads the schema now, so opening never overlaps the first batch (it waited on a lock there).
  db.pragma('wal_checkpoint(PASSIVE)');
  parentPort.postMessage({ ok: true, walPages: 0, copiedPages: 0 });
} catch (error) {
  parentPort.postMessage({ ok: false, message: String(error && error.message || error) });
}
// Every frame is in the database file, so the next write starts the WAL over, and that write syncs
// the WAL's new header to disk: 100-200 ms on a busy disk, on the event loop if the app's commit is
// the one. A write of one unchanged header field here does it on this thread instead. Should the app
// hold the write lock just then, it writes first and pays it as before.
function startWalOver() {
  try {
    db.pragma('user_version = ' + db.pragma('user_version', { simple: true }));
  } catch (error) {
    if (!(error && error.code === 'SQLITE_BUSY')) throw error;
  }
}
parentPort.on('message', (message) => {
  if (message === 'close') {
    if (db !== undefined) db.close();
    parentPort.close();
    return;
  }
  try {
    // PASSIVE waits for nobody: the main connection keeps writing while pages are copied.
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    if (result.busy === 0 && result.log > 0 && result.checkpointed === result.log) startWalOver();
    parentPort.postMessage({ ok: true, walPages: result.log, copiedPages: result.checkpointed });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: String(error && error.message || error) });
  }
});
`;

const Reply = z.union([
  z.object({ ok: z.literal(true), walPages: z.number().int(), copiedPages: z.number().int() }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);
const DatabaseList = z.array(z.object({ name: z.string(), file: z.string() }));
const JournalMode = z.array(z.object({ journal_mode: z.string() }));
const AutoCheckpoint = z.array(z.object({ wal_autocheckpoint: z.number() }));

/**
 * A checkpointer for the SQLite file behind `db`, or none when there is nothing to checkpoint (an
 * in-memory database, or one not in WAL mode). Close it when the writes are done.
 */
export async function openCheckpointer(db: Kysely<Database>): Promise<Checkpointer | undefined> {
  const files = DatabaseList.parse((await sql`PRAGMA database_list`.execute(db)).rows);
  const file = files.find((f) => f.name === 'main')?.file ?? '';
  const mode = JournalMode.parse((await sql`PRAGMA journal_mode`.execute(db)).rows)[0]?.journal_mode;
  if (file === '' || mode !== 'wal') return undefined;
  const previous = AutoCheckpoint.parse((await sql`PRAGMA wal_autocheckpoint`.execute(db)).rows)[0]?.wal_autocheckpoint ?? 1000;

  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), file },
  });
  let waiting: { resolve: (result: CheckpointResult) => void; reject: (error: Error) => void } | undefined;
  let failure: Error | undefined;
  const fail = (error: Error): void => {
    failure ??= error;
    waiting?.reject(failure);
    waiting = undefined;
  };
  worker.on('message', (message: unknown) => {
    const reply = Reply.safeParse(message);
    const settle = waiting;
    waiting = undefined;
    if (!reply.success) settle?.reject(new CheckpointFailedError('an unreadable reply from the checkpoint thread'));
    else if (reply.data.ok) settle?.resolve({ walPages: reply.data.walPages, copiedPages: reply.data.copiedPages });
    else settle?.reject(new CheckpointFailedError(reply.data.message));
  });
  worker.on('error', (error) => { fail(new CheckpointFailedError('the checkpoint thread failed', { cause: error })); });
  worker.on('exit', () => { fail(new CheckpointFailedError('the checkpoint thread ended')); });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => { resolve(); }));
  const ask = (message: 'checkpoint' | undefined): Promise<CheckpointResult> => {
    if (failure !== undefined) return Promise.reject(failure);
    return new Promise<CheckpointResult>((resolve, reject) => {
      waiting = { resolve, reject };
      if (message !== undefined) worker.postMessage(message);
    });
  };
  try {
    // Its first reply says it is ready.
    await ask(undefined);
  } catch (error) {
    if (failure === undefined) worker.postMessage('close');
    await exited;
    throw error;
  }

  // Open for the store's whole life, it must not keep a finished process from exiting (it stays
  // referenced while it opens, which the store's opening awaits).
  worker.unref();
  await sql`PRAGMA wal_autocheckpoint = 0`.execute(db);
  let closing: Promise<void> | undefined;
  return {
    // Referenced while a checkpoint is asked for: a caller awaiting one (a prune in a script, with
    // nothing else left to run) must get its answer, not see the process exit under it.
    checkpoint: async () => {
      worker.ref();
      try {
        return await ask('checkpoint');
      } finally {
        if (closing === undefined) worker.unref();
      }
    },
    close(): Promise<void> {
      closing ??= (async () => {
        // Referenced again: at shutdown the thread may be the last thing the process waits for, and an
        // unreferenced one would let it exit before the close (and what follows it) ran.
        worker.ref();
        try {
          await sql`PRAGMA wal_autocheckpoint = ${sql.raw(String(previous))}`.execute(db);
        } finally {
          if (failure === undefined) worker.postMessage('close');
          await exited;
        }
      })();
      return closing;
    },
  };
}
