import { PhloBotError } from '../errors.js';

/** `DATABASE_URL` is neither `sqlite:PATH` nor a `postgres://` URL; the app refuses to start. */
export class InvalidDatabaseUrlError extends PhloBotError {
  readonly code = 'STORE_INVALID_DATABASE_URL';

  /** @param url the offending URL with any password masked, so the message is safe to log */
  constructor(
    readonly url: string,
    readonly problem: string,
  ) {
    super(`DATABASE_URL ${JSON.stringify(url)}: ${problem}`);
  }
}

/** The schema migrations did not apply; the app refuses to start half-migrated. */
export class MigrationFailedError extends PhloBotError {
  readonly code = 'STORE_MIGRATION_FAILED';

  constructor(
    readonly migration: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(migration === undefined ? 'database migration failed' : `database migration ${migration} failed`, options);
  }
}

/** The database could not be reached (used by `ping`, which backs `/healthz`). */
export class StoreUnavailableError extends PhloBotError {
  readonly code = 'STORE_UNAVAILABLE';

  constructor(options?: { cause?: unknown }) {
    super('the database is not reachable', options);
  }
}

/** A row read from the database does not have the shape the store wrote: someone edited it by hand, or a bug did. */
export class CorruptRowError extends PhloBotError {
  readonly code = 'STORE_CORRUPT_ROW';

  constructor(
    readonly table: string,
    readonly rowId: string | undefined,
    readonly issues: string[],
    options?: { cause?: unknown },
  ) {
    super(`corrupt row in ${table}${rowId === undefined ? '' : ` (id ${rowId})`}: ${issues.join('; ')}`, options);
  }
}

/** An update named a row that does not exist. */
export class RowNotFoundError extends PhloBotError {
  readonly code = 'STORE_ROW_NOT_FOUND';

  constructor(
    readonly table: string,
    readonly rowId: string,
  ) {
    super(`no row ${rowId} in ${table}`);
  }
}

/** An outcome was recorded for an action that already has a final one (a caller bug: outcomes are written once). */
export class ActionAlreadyCompletedError extends PhloBotError {
  readonly code = 'STORE_ACTION_ALREADY_COMPLETED';

  constructor(
    readonly actionId: string,
    readonly outcome: string,
  ) {
    super(`action ${actionId} already has outcome ${outcome}`);
  }
}

/** A deduplication key kept changing hands while being claimed; the caller treats the action as failed. */
export class ClaimFailedError extends PhloBotError {
  readonly code = 'STORE_CLAIM_FAILED';

  constructor(readonly dedupKey: string) {
    super(`could not claim deduplication key ${dedupKey}`);
  }
}

/** Another holder kept a lock longer than anyone should wait; the work was not done unlocked. */
export class LockTimeoutError extends PhloBotError {
  readonly code = 'STORE_LOCK_TIMEOUT';

  constructor(
    readonly key: string,
    readonly waitedMs: number,
    options?: { cause?: unknown },
  ) {
    super(`lock ${JSON.stringify(key)} still held after ${waitedMs} ms`, options);
  }
}

/** The thread that checkpoints SQLite's WAL during a long run of writes failed or ended early. */
export class CheckpointFailedError extends PhloBotError {
  readonly code = 'STORE_CHECKPOINT_FAILED';

  constructor(reason: string, options?: { cause?: unknown }) {
    super(`WAL checkpoint failed: ${reason}`, options);
  }
}

/** The transaction that held a turn's SQLite writes did not commit: this write is not in the database. */
export class GroupCommitFailedError extends PhloBotError {
  readonly code = 'STORE_GROUP_COMMIT_FAILED';

  constructor(
    /** The writes of the group that had run when it failed. */
    readonly writes: number,
    options?: { cause?: unknown },
  ) {
    super(`the transaction holding ${writes} write(s) did not commit`, options);
  }
}

/** The database answers reads but refuses writes (a full disk, a read-only server, revoked privileges). */
export class StoreNotWritableError extends PhloBotError {
  readonly code = 'STORE_NOT_WRITABLE';

  constructor(
    /** When the writes began to fail. */
    readonly since: Date,
    /** The database's own words for the last failure. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`the database refuses writes: ${reason}`, options);
  }
}

/** `phlo-bot backup` could not write its copy: the reason says what to change. */
export class BackupFailedError extends PhloBotError {
  readonly code = 'STORE_BACKUP_FAILED';

  constructor(
    readonly destination: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`backup to ${destination}: ${problem}`, options);
  }
}
