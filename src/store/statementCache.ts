import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Distinct SQL texts kept prepared; the app issues a few dozen, so this bound is only a safety net. */
const MAX_STATEMENTS = 500;

/**
 * The SQLite database as Kysely sees it, with each SQL text prepared once. Kysely prepares every
 * query anew, which showed as a few percent of the app's CPU under a burst. Reusing a statement is
 * safe because every query runs to completion synchronously (`all`/`run`); nothing here streams.
 */
export function withStatementCache(database: SQLite.Database): SqliteDatabase {
  const prepared = new Map<string, SqliteStatement>();
  return {
    close: () => {
      prepared.clear();
      database.close();
    },
    prepare: (sql: string): SqliteStatement => {
      const cached = prepared.get(sql);
      if (cached !== undefined) return cached;
      const statement = database.prepare(sql);
      // A schema change (a migration) makes SQLite re-prepare on its own; a full cache starts over.
      if (prepared.size >= MAX_STATEMENTS) prepared.clear();
      prepared.set(sql, statement);
      return statement;
    },
  };
}
