import { sql, type Kysely } from 'kysely';
import { LockTimeoutError } from './errors.js';
import { KeyedQueue } from './keyedQueue.js';
import type { Database } from './schema.js';
import { createThreadRepo } from './threads.js';
import type { LockRepo, ThreadRepo } from './types.js';

/** Longer than any holder legitimately keeps a lock (its Slack calls time out well inside it). */
const DEFAULT_WAIT_MS = 30_000;
/** PostgreSQL's SQLSTATE for a lock wait that ran past lock_timeout. */
const LOCK_NOT_AVAILABLE = '55P03';

const isLockTimeout = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === LOCK_NOT_AVAILABLE;

/**
 * Mutual exclusion by key, from the database: within this process a queue per key (so one
 * waiter per key holds a connection), and on PostgreSQL a session advisory lock on that
 * connection, so instances sharing the database take turns too. The task's own queries run on
 * the same connection, so a full pool can't leave a holder waiting for a second one. A SQLite
 * file serves one process, so the queue is the whole lock there. A wait that runs out fails; it
 * never goes ahead unlocked.
 */
export function createLocks(dialect: 'sqlite' | 'postgres', db: Kysely<Database>): LockRepo {
  const queue = new KeyedQueue();
  return {
    withLock<T>(key: string, task: (locked: { threads: ThreadRepo }) => Promise<T>, waitMs = DEFAULT_WAIT_MS): Promise<T> {
      if (dialect === 'sqlite') return queue.run(key, () => task({ threads: createThreadRepo(db) }));
      return queue.run(key, () =>
        db.connection().execute(async (conn) => {
          await sql`select set_config('lock_timeout', ${`${waitMs}ms`}, false)`.execute(conn);
          try {
            await sql`select pg_advisory_lock(hashtextextended(${key}, 0))`.execute(conn);
          } catch (error) {
            throw isLockTimeout(error) ? new LockTimeoutError(key, waitMs, { cause: error }) : error;
          } finally {
            await sql`select set_config('lock_timeout', '0', false)`.execute(conn);
          }
          try {
            return await task({ threads: createThreadRepo(conn) });
          } finally {
            await sql`select pg_advisory_unlock(hashtextextended(${key}, 0))`.execute(conn);
          }
        }),
      );
    },
  };
}
