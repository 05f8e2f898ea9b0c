/**
 * SQLite writes committed a turn of the event loop at a time.
 *
 * Each write in autocommit is a transaction of its own, and on this kind of machine a commit (WAL
 * append, locks, a dozen syscalls) costs over ten times the write itself. An action makes seven or
 * eight writes, and under a burst dozens of actions write in the same turn. Here the first write of a
 * turn opens a transaction, the writes after it in that turn join it, and one COMMIT at the end of the
 * turn ends it. A writer's promise settles only after that COMMIT, so whoever awaits a write knows it
 * is in the database, exactly as with autocommit. Reads run at once: on the one connection they see
 * the writes made so far, as they would have before.
 *
 * A statement that fails on its own (a constraint) leaves the others in its group alone, as SQLite
 * rolls back only that statement. One that makes SQLite give up the whole transaction (a full disk,
 * an I/O error) fails every write of the group, since none of them is in the database.
 */
import type SQLite from 'better-sqlite3';
import { GroupCommitFailedError } from './errors.js';

interface Group {
  /** Settles after COMMIT: resolves when every write of the group is in the database. */
  readonly committed: Promise<void>;
  resolve(): void;
  reject(error: Error): void;
  writes: number;
}

/** What one statement did, as Kysely reads it. */
export interface StatementResult {
  rows: unknown[];
  changes?: number;
  lastInsertRowid?: number | bigint;
}

/**
 * The open groups of each file in this process. SQLite lets one connection write at a time, and an
 * open group holds that right until its turn ends; a second connection to the same file in this
 * process waiting for it would wait synchronously, on the very loop the group needs to commit. So a
 * connection about to write commits the other connections' groups on that file first.
 */
const writersByFile = new Map<string, Set<GroupCommits>>();

/** Commits every open group on `file` in this process: before taking its write lock another way. */
export function commitOpenGroups(file: string): void {
  for (const writer of writersByFile.get(file) ?? []) writer.flush();
}

export class GroupCommits {
  private group: Group | undefined;
  private scheduled = false;
  private readonly neighbours: Set<GroupCommits> | undefined;

  /** `file`: the database file's real path, shared with other connections to it; none in memory. */
  constructor(
    private readonly database: SQLite.Database,
    private readonly prepare: (sql: string) => SQLite.Statement,
    private readonly file: string | undefined,
  ) {
    if (file === undefined) return;
    this.neighbours = writersByFile.get(file) ?? new Set();
    this.neighbours.add(this);
    writersByFile.set(file, this.neighbours);
  }

  /** Commits the open group and forgets this connection; before it closes. */
  close(): void {
    this.flush();
    this.neighbours?.delete(this);
    if (this.file !== undefined && this.neighbours?.size === 0) writersByFile.delete(this.file);
  }

  /** Runs one statement; a write resolves once it is committed. */
  async run(sql: string, parameters: readonly unknown[]): Promise<StatementResult> {
    const statement = this.prepare(sql);
    // Outside a group when another transaction is open (a migration's, an explicit one): it is that
    // transaction's statement, and that transaction decides when it commits.
    if (statement.readonly || (this.database.inTransaction && this.group === undefined)) {
      return execute(statement, parameters);
    }
    const group = this.open();
    let result: StatementResult;
    try {
      result = execute(statement, parameters);
    } catch (error) {
      // SQLite abandoned the whole transaction, not only this statement: the group's writes are gone.
      if (!this.database.inTransaction) this.abandon(group, error);
      throw error;
    }
    group.writes += 1;
    await group.committed;
    return result;
  }

  /**
   * Commits the open group now. Before anything that needs the connection outside a group (an
   * explicit transaction, a long read, closing).
   */
  flush(): void {
    const group = this.group;
    if (group === undefined) return;
    this.group = undefined;
    try {
      commitOrRollBack(this.database);
    } catch (error) {
      group.reject(new GroupCommitFailedError(group.writes, { cause: error }));
      return;
    }
    group.resolve();
  }

  private open(): Group {
    if (this.group !== undefined) return this.group;
    if (this.neighbours !== undefined) for (const other of this.neighbours) if (other !== this) other.flush();
    this.database.exec('BEGIN');
    let resolve = (): void => undefined;
    let reject = (_error: Error): void => undefined;
    const committed = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Nobody may be waiting yet (a group whose only write failed); its failure is told to its writers.
    committed.catch(() => undefined);
    this.group = { committed, resolve, reject, writes: 0 };
    if (!this.scheduled) {
      this.scheduled = true;
      // After the turn's I/O callbacks and the promise chains they started: every write they made joins.
      setImmediate(() => {
        this.scheduled = false;
        this.flush();
      });
    }
    return this.group;
  }

  private abandon(group: Group, error: unknown): void {
    if (this.group === group) this.group = undefined;
    group.reject(new GroupCommitFailedError(group.writes, { cause: error }));
  }
}

function execute(statement: SQLite.Statement, parameters: readonly unknown[]): StatementResult {
  if (statement.reader) return { rows: statement.all(parameters) };
  const { changes, lastInsertRowid } = statement.run(parameters);
  return { rows: [], changes, lastInsertRowid };
}

/**
 * Commits the open transaction; one whose COMMIT fails is rolled back, so it cannot stay open and swallow
 * later writes, and the COMMIT's error is thrown. A failing ROLLBACK is not: SQLite has already undone
 * what it could not commit.
 */
export function commitOrRollBack(database: SQLite.Database): void {
  try {
    database.exec('COMMIT');
  } catch (error) {
    try {
      if (database.inTransaction) database.exec('ROLLBACK');
    } catch {
      // Reported through the COMMIT's error.
    }
    throw error;
  }
}
