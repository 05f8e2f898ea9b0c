/**
 * Whether the database is taking writes, as the app's own writes show it.
 *
 * A database can answer reads and refuse every write: a full disk, a PostgreSQL server switched to
 * read-only (a failover to a replica, `default_transaction_read_only`), revoked privileges. `/healthz`
 * pinged with a read only, so it said healthy while every action's record failed. Every write the
 * store makes goes through the driver wrapped here, and a write that fails (or whose commit does)
 * marks the store as failing to write. Only a probe write (writeProbe.ts) clears the mark, and only
 * when no other write failed while it ran: on a disk with a little room left, a small write that
 * fits says nothing about the next action's records.
 */
import type {
  CompiledQuery,
  DatabaseConnection,
  DatabaseIntrospector,
  Dialect,
  DialectAdapter,
  Driver,
  Kysely,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from 'kysely';

export interface WriteFailure {
  /** When the writes began to fail. */
  since: Date;
  /** The database's own words for the last failure. */
  reason: string;
}

export class WriteHealth {
  private failure: WriteFailure | undefined;
  private failures = 0;

  constructor(private readonly now: () => Date) {}

  /** Undefined unless a write has failed since the last probe went through. */
  failing(): WriteFailure | undefined {
    return this.failure;
  }

  /** How many writes have failed so far: a probe reads it as it starts. */
  failuresSoFar(): number {
    return this.failures;
  }

  failed(error: unknown): void {
    this.failures += 1;
    const reason = error instanceof Error ? messageOf(error) : String(error);
    this.failure = { since: this.failure?.since ?? this.now(), reason };
  }

  /** A probe that started after `failuresBefore` failures went through; clears the mark if none came since. */
  probed(failuresBefore: number): void {
    if (this.failures === failuresBefore) this.failure = undefined;
  }
}

/** The deepest message: a group commit's error names the transaction, its cause the disk. */
function messageOf(error: Error): string {
  let deepest = error;
  while (deepest.cause instanceof Error) deepest = deepest.cause;
  return deepest === error ? error.message : `${error.message}: ${deepest.message}`;
}

const WRITE_NODES = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode']);
const WRITE_SQL = /^\s*(insert|update|delete|merge)\b/i;

function isWrite(query: CompiledQuery): boolean {
  return WRITE_NODES.has(query.query.kind) || (query.query.kind === 'RawNode' && WRITE_SQL.test(query.sql));
}

/** `inner` with every write watched by `health`. */
export class WriteWatchingDialect implements Dialect {
  constructor(
    private readonly inner: Dialect,
    private readonly health: WriteHealth,
  ) {}

  createDriver(): Driver {
    return new WatchedDriver(this.inner.createDriver(), this.health);
  }

  createQueryCompiler(): QueryCompiler {
    return this.inner.createQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return this.inner.createAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return this.inner.createIntrospector(db);
  }
}

class WatchedConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly health: WriteHealth,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (!isWrite(query)) return this.inner.executeQuery<R>(query);
    try {
      return await this.inner.executeQuery<R>(query);
    } catch (error) {
      this.health.failed(error);
      throw error;
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

/** The drivers know their own connections only: each is handed the one it made. */
const unwrap = (connection: DatabaseConnection): DatabaseConnection =>
  connection instanceof WatchedConnection ? connection.inner : connection;

class WatchedDriver implements Driver {
  readonly savepoint?: Driver['savepoint'];
  readonly rollbackToSavepoint?: Driver['rollbackToSavepoint'];
  readonly releaseSavepoint?: Driver['releaseSavepoint'];

  constructor(
    private readonly inner: Driver,
    private readonly health: WriteHealth,
  ) {
    // Only those the driver has: Kysely tells a driver without savepoints by their absence.
    const savepoint = inner.savepoint?.bind(inner);
    const rollbackToSavepoint = inner.rollbackToSavepoint?.bind(inner);
    const releaseSavepoint = inner.releaseSavepoint?.bind(inner);
    if (savepoint !== undefined) this.savepoint = (c, name, compile) => savepoint(unwrap(c), name, compile);
    if (rollbackToSavepoint !== undefined) this.rollbackToSavepoint = (c, name, compile) => rollbackToSavepoint(unwrap(c), name, compile);
    if (releaseSavepoint !== undefined) this.releaseSavepoint = (c, name, compile) => releaseSavepoint(unwrap(c), name, compile);
  }

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new WatchedConnection(await this.inner.acquireConnection(), this.health);
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(unwrap(connection), settings);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await this.inner.commitTransaction(unwrap(connection));
    } catch (error) {
      this.health.failed(error);
      throw error;
    }
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(unwrap(connection));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(unwrap(connection));
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}
