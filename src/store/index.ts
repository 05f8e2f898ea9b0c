import { sql } from 'kysely';
import { createActionRepo } from './actions.js';
import { startBackgroundCheckpoints } from './backgroundCheckpoints.js';
import type { CheckpointResult } from './checkpointer.js';
import { connect } from './connect.js';
import { StoreUnavailableError } from './errors.js';
import { HeldOutcomes, type HeldOutcomeEvent } from './heldOutcomes.js';
import { createLocks } from './locks.js';
import { createSeenRequestRepo } from './seenRequests.js';
import { createDeliveryRepo } from './deliveries.js';
import { createThreadRepo } from './threads.js';
import type { Store } from './types.js';
import { createWriteProbe } from './writeProbe.js';

export {
  ActionAlreadyCompletedError,
  BackupFailedError,
  ClaimFailedError,
  CorruptRowError,
  InvalidDatabaseUrlError,
  LockTimeoutError,
  MigrationFailedError,
  RowNotFoundError,
  StoreNotWritableError,
  StoreUnavailableError,
} from './errors.js';
export { parseDatabaseUrl } from './connect.js';
export { backupSqlite, type BackupResult } from './backup.js';
export { Outcome } from './schema.js';
export type * from './types.js';
export type { CheckpointResult } from './checkpointer.js';
export type { HeldOutcomeEvent } from './heldOutcomes.js';

export interface OpenStoreOptions {
  /** The clock for `createdAt` when a caller leaves it out; tests pin it. */
  now?: () => Date;
  /** Told of a PostgreSQL connection lost while idle (nobody's query failed; the pool replaces it). */
  onIdleError?: (error: Error) => void;
  /** Told when SQLite's checkpoint thread fails (SQLite's own automatic checkpoint takes over until a new one starts). */
  onCheckpointError?: (error: Error) => void;
  /** Told when a new checkpoint thread has replaced a failed one. */
  onCheckpointRestart?: () => void;
  /** Told what became of each try to write an outcome the database had refused (see HeldOutcomes). */
  onHeldOutcome?: (event: HeldOutcomeEvent, actionId: string, error?: unknown) => void;
  /** The first pause before a refused outcome is written again (1 s; tests shorten it). */
  heldOutcomeRetryMs?: number;
  /**
   * Told after each of SQLite's background checkpoints how much of the WAL is in the database file.
   * Every page copied means the next write starts the WAL over instead of growing it.
   */
  onCheckpoint?: (result: CheckpointResult) => void;
}

/** How long closing spends writing the outcomes still held: a stop must not wait on a database that is down. */
const FLUSH_ON_CLOSE_MS = 5000;

/**
 * Opens `sqlite:PATH` (parent directories are created; `sqlite::memory:` works) or `postgres://…` /
 * `postgresql://…`, and runs the migrations before resolving.
 * Throws InvalidDatabaseUrlError for any other URL, StoreUnavailableError when the database can't be
 * opened or reached, and MigrationFailedError when the schema can't be brought up to date.
 */
export async function openStore(databaseUrl: string, options: OpenStoreOptions = {}): Promise<Store> {
  const now = options.now ?? (() => new Date());
  const { dialect, db, writes } = await connect(databaseUrl, options.onIdleError);
  const checkpoints =
    dialect === 'sqlite'
      ? await startBackgroundCheckpoints(db, {
          onError: options.onCheckpointError ?? (() => undefined),
          onRestart: options.onCheckpointRestart,
          onCheckpoint: options.onCheckpoint,
        })
      : undefined;
  const actions = createActionRepo(db, dialect, now, checkpoints);
  const heldOutcomes = new HeldOutcomes((id, update) => actions.recordOutcome(id, update), {
    onEvent: options.onHeldOutcome,
    retryAfterMs: options.heldOutcomeRetryMs,
  });
  let closed: Promise<void> | undefined;
  return {
    dialect,
    async ping(): Promise<void> {
      try {
        await sql`select 1`.execute(db);
      } catch (error) {
        throw new StoreUnavailableError({ cause: error });
      }
    },
    writable: createWriteProbe(db, writes, now),
    heldOutcomes,
    close(): Promise<void> {
      // Closing twice (a shutdown path and a test's afterEach) is harmless.
      closed ??= (async () => {
        await heldOutcomes.flush(FLUSH_ON_CLOSE_MS);
        await checkpoints?.close();
        await db.destroy();
      })();
      return closed;
    },
    threads: createThreadRepo(db),
    actions,
    seenRequests: createSeenRequestRepo(db),
    deliveries: createDeliveryRepo(db),
    locks: createLocks(dialect, db),
  };
}
