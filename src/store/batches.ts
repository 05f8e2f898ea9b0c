/**
 * Deletes many rows in bounded batches. better-sqlite3 runs each statement synchronously, so one DELETE
 * of a million rows would stop the whole process (every Slack ack with it) for seconds: on SQLite each
 * batch is sized to take about BATCH_TARGET_MS, and the event loop is let go between batches. On
 * PostgreSQL the server does the work while the loop stays free, so batches are a fixed size: small
 * enough not to hold many row locks for long, large enough not to pay a round trip per few rows.
 */
import { performance } from 'node:perf_hooks';
import { setImmediate } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import type { BackgroundCheckpoints } from './backgroundCheckpoints.js';
import type { Database } from './schema.js';

/** What one batch should take: well under the 50 ms a waiting request would notice. */
const BATCH_TARGET_MS = 10;
/**
 * Small: on a large actions table each row costs about 0.2 ms (its entries in five indexes sit on
 * scattered pages), so 500 rows took 100-200 ms before the size could adapt.
 */
const FIRST_BATCH = 50;
const MIN_BATCH = 10;
const MAX_BATCH = 10_000;
const POSTGRES_BATCH = 5_000;

/** A table, its key, and the column whose value below `below` marks a row for deletion. */
export type Doomed =
  | { table: 'actions'; key: 'id'; column: 'created_at'; below: number }
  | { table: 'call_threads'; key: 'id'; column: 'last_action_at'; below: number }
  | { table: 'action_claims'; key: 'dedup_key'; column: 'expires_at'; below: number };

/**
 * Deletes, table by table, every row of `doomed.table` whose column is below `doomed.below`; returns how
 * many from each. With the store's checkpoint thread (a SQLite file), the WAL is checkpointed after
 * every batch there: the checkpoint, not the delete, is what held the event loop longest.
 */
export async function deleteInBatches(
  db: Kysely<Database>,
  dialect: 'sqlite' | 'postgres',
  doomed: readonly Doomed[],
  checkpointer?: Pick<BackgroundCheckpoints, 'checkpoint'>,
): Promise<number[]> {
  const counts: number[] = [];
  for (const d of doomed) counts.push(await deleteTable(db, dialect, d, checkpointer));
  return counts;
}

async function deleteTable(db: Kysely<Database>, dialect: 'sqlite' | 'postgres', doomed: Doomed, checkpointer: Pick<BackgroundCheckpoints, 'checkpoint'> | undefined): Promise<number> {
  let size = dialect === 'sqlite' ? FIRST_BATCH : POSTGRES_BATCH;
  let total = 0;
  for (;;) {
    const started = performance.now();
    const deleted = await deleteBatch(db, dialect, doomed, size);
    total += deleted;
    const tookMs = Math.max(performance.now() - started, 0.1);
    // Timers and I/O callbacks run before the next batch (a resolved promise would not let them); while
    // the checkpoint thread works, they have the loop to themselves. Also after the last batch, so
    // the next commit does not find a WAL grown past the automatic checkpoint's threshold.
    if (checkpointer === undefined) await setImmediate();
    else await checkpointer.checkpoint();
    // Fewer than asked: nothing older is left, or (PostgreSQL) the rest is locked by another instance
    // deleting it now.
    if (deleted < size) return total;
    if (dialect === 'sqlite') {
      // Towards the target, at most doubling at a time so one fast batch on an idle machine can't overshoot.
      size = Math.round(Math.min(MAX_BATCH, 2 * size, Math.max(MIN_BATCH, (size * BATCH_TARGET_MS) / tookMs)));
    }
  }
}

async function deleteBatch(db: Kysely<Database>, dialect: 'sqlite' | 'postgres', doomed: Doomed, size: number): Promise<number> {
  const table = sql.table(doomed.table);
  const column = sql.ref(doomed.column);
  // SQLite: one writer at a time, so the batch is simply the first `size` rows found, by rowid (no
  // second index lookup). PostgreSQL: SKIP LOCKED, so instances pruning at once each take different
  // rows instead of queueing on each other's.
  const query =
    dialect === 'sqlite'
      ? sql`DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE ${column} < ${doomed.below} LIMIT ${size})`
      : sql`DELETE FROM ${table} WHERE ${sql.ref(doomed.key)} IN (SELECT ${sql.ref(doomed.key)} FROM ${table} WHERE ${column} < ${doomed.below} LIMIT ${size} FOR UPDATE SKIP LOCKED)`;
  const result = await query.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}
