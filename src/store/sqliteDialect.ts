/**
 * Kysely's SQLite dialect with the store's own driver: statements prepared once (statementCache.ts)
 * and the writes of each turn committed together (groupCommit.ts).
 *
 * Kysely's own driver lends its one connection to one query at a time. A write that settles only
 * after its group commits would then hold the connection for the rest of the turn and every query
 * behind it would wait a turn, so here ordinary queries share the connection freely; they are
 * synchronous, so they cannot interleave. Only what spans several awaits (an explicit transaction, a
 * streamed read) has the connection to itself, and it commits the open group first.
 */
import type SQLite from 'better-sqlite3';
import {
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';
import { commitOrRollBack, GroupCommits, type StatementResult } from './groupCommit.js';
import { statementCache } from './statementCache.js';

export class GroupCommitSqliteDialect implements Dialect {
  /** `file`: the database file's real path (undefined in memory), which connections to it share. */
  constructor(
    private readonly database: SQLite.Database,
    private readonly file: string | undefined,
  ) {}

  createDriver(): Driver {
    return new GroupCommitDriver(this.database, this.file);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

/** Whoever has the connection to itself for now; everyone else's queries wait until it is done. */
class Exclusive {
  /** Settles when the holder lets go; undefined while nobody holds the connection. */
  held: Promise<void> | undefined;

  async take(): Promise<() => void> {
    // The check and the taking with no await between them: two waiters woken together can't both take it.
    while (this.held !== undefined) await this.held;
    let release = (): void => undefined;
    this.held = new Promise<void>((resolve) => {
      release = () => {
        this.held = undefined;
        resolve();
      };
    });
    return release;
  }
}

class GroupCommitDriver implements Driver {
  private readonly prepare: (sql: string) => SQLite.Statement;
  private readonly writes: GroupCommits;
  private readonly exclusive = new Exclusive();

  constructor(
    private readonly database: SQLite.Database,
    file: string | undefined,
  ) {
    this.prepare = statementCache(database);
    this.writes = new GroupCommits(database, this.prepare, file);
  }

  async init(): Promise<void> {}

  acquireConnection(): Promise<DatabaseConnection> {
    return Promise.resolve(new Session(this.database, this.prepare, this.writes, this.exclusive));
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await asSession(connection).own(() => { this.database.exec('BEGIN'); });
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    asSession(connection).disown(() => { commitOrRollBack(this.database); });
    return Promise.resolve();
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    asSession(connection).disown(() => {
      if (this.database.inTransaction) this.database.exec('ROLLBACK');
    });
    return Promise.resolve();
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    while (this.exclusive.held !== undefined) await this.exclusive.held;
    this.writes.close();
    this.database.close();
  }
}

class Session implements DatabaseConnection {
  private release: (() => void) | undefined;

  constructor(
    private readonly database: SQLite.Database,
    private readonly prepare: (sql: string) => SQLite.Statement,
    private readonly writes: GroupCommits,
    private readonly exclusive: Exclusive,
  ) {}

  /** Takes the connection for this session alone, after committing the open group, then runs `start`. */
  async own(start: () => void): Promise<void> {
    this.release = await this.exclusive.take();
    try {
      this.writes.flush();
      start();
    } catch (error) {
      this.disown(() => undefined);
      throw error;
    }
  }

  disown(end: () => void): void {
    try {
      end();
    } finally {
      this.release?.();
      this.release = undefined;
    }
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    // Re-checked after each wait, and run with no await after the check: nobody took it meanwhile.
    while (this.release === undefined && this.exclusive.held !== undefined) await this.exclusive.held;
    return toQueryResult<R>(await this.writes.run(query.sql, query.parameters));
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    // An open iterator keeps the connection busy: no other statement may run until it is done.
    const owned = this.release !== undefined;
    if (!owned) await this.own(() => undefined);
    try {
      const statement = this.prepare(query.sql);
      for (const row of statement.iterate(query.parameters)) yield { rows: [row as R] };
    } finally {
      if (!owned) this.disown(() => undefined);
    }
  }
}

function asSession(connection: DatabaseConnection): Session {
  if (!(connection instanceof Session)) throw new TypeError('not a connection of this driver');
  return connection;
}

function toQueryResult<R>(result: StatementResult): QueryResult<R> {
  return {
    rows: result.rows as R[],
    ...(result.changes === undefined ? {} : { numAffectedRows: BigInt(result.changes) }),
    ...(result.lastInsertRowid === undefined ? {} : { insertId: BigInt(result.lastInsertRowid) }),
  };
}
