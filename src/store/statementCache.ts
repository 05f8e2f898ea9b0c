import type SQLite from 'better-sqlite3';

/** Distinct SQL texts kept prepared; the app issues a few dozen, so this bound is only a safety net. */
const MAX_STATEMENTS = 500;

/**
 * Prepares each SQL text once. Kysely prepares every query anew, which showed as a few percent of the
 * app's CPU under a burst. Reusing a statement is safe because a query runs to completion
 * synchronously (`all`/`run`); only a streamed read iterates, and it has the connection to itself.
 */
export function statementCache(database: SQLite.Database): (sql: string) => SQLite.Statement {
  const prepared = new Map<string, SQLite.Statement>();
  return (sql) => {
    const cached = prepared.get(sql);
    if (cached !== undefined) return cached;
    const statement = database.prepare(sql);
    // A schema change (a migration) makes SQLite re-prepare on its own; a full cache starts over.
    if (prepared.size >= MAX_STATEMENTS) prepared.clear();
    prepared.set(sql, statement);
    return statement;
  };
}
