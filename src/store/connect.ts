import { mkdirSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import type pg from 'pg';
import { maskUrlPassword } from '../domain/urlPassword.js';
import { KeyedQueue } from './keyedQueue.js';
import { InvalidDatabaseUrlError, MigrationFailedError, StoreUnavailableError } from './errors.js';
import { StaticMigrationProvider } from './migrations/index.js';
import { commitOpenGroups } from './groupCommit.js';
import { GroupCommitSqliteDialect } from './sqliteDialect.js';
import type { Database } from './schema.js';
import { WriteHealth, WriteWatchingDialect } from './writeHealth.js';

export type DatabaseTarget = { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; connectionString: string };

export interface Connection {
  readonly dialect: 'sqlite' | 'postgres';
  readonly db: Kysely<Database>;
  /** How the writes made through `db` went. */
  readonly writes: WriteHealth;
}

/** How long a SQLite writer waits for another connection's lock before failing with SQLITE_BUSY. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;
const PG_POOL_SIZE = 10;
const SQLITE_CACHE_KIB = 4000;
/** Without it a server that drops packets makes every query (and /healthz) hang for the OS TCP timeout. */
const PG_CONNECT_TIMEOUT_MS = 5000;

/** Parses `DATABASE_URL`: `sqlite:PATH` (PATH may be `:memory:`), `postgres://…` or `postgresql://…`. */
export function parseDatabaseUrl(databaseUrl: string): DatabaseTarget {
  const url = databaseUrl.trim();
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (path === '') throw new InvalidDatabaseUrlError(url, 'sqlite: needs a file path, as in sqlite:./data/phlo-bot.db');
    return { dialect: 'sqlite', path };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new InvalidDatabaseUrlError(maskUrlPassword(url), 'not a valid URL');
    }
    if (parsed.hostname === '' && !parsed.searchParams.has('host')) {
      throw new InvalidDatabaseUrlError(maskUrlPassword(url), 'names no host');
    }
    return { dialect: 'postgres', connectionString: url };
  }
  throw new InvalidDatabaseUrlError(maskUrlPassword(url), 'expected sqlite:PATH or postgres://USER@HOST:PORT/DATABASE');
}


/** Opens the database and brings its schema up to date. */
export async function connect(databaseUrl: string, onIdleError: (error: Error) => void = () => undefined): Promise<Connection> {
  const target = parseDatabaseUrl(databaseUrl);
  const writes = new WriteHealth(() => new Date());
  // Each driver is loaded only for its own dialect: pg costs a SQLite deployment several MB of memory for
  // nothing, and better-sqlite3's native module a PostgreSQL one.
  if (target.dialect === 'postgres') {
    const { default: driver } = await import('pg');
    const db = openPostgres(driver, target.connectionString, onIdleError, writes);
    await prepare(db, () => migratePostgres(db));
    return { dialect: 'postgres', db, writes };
  }
  const { default: Sqlite } = await import('better-sqlite3');
  let database: SQLite.Database;
  try {
    database = openSqliteFile(Sqlite, target.path);
  } catch (error) {
    throw new StoreUnavailableError({ cause: error });
  }
  const file = target.path === ':memory:' ? undefined : realpathSync(target.path);
  const db = new Kysely<Database>({ dialect: new WriteWatchingDialect(new GroupCommitSqliteDialect(database, file), writes) });
  await prepare(db, () => oneAtATime(file, () => migrateSqlite(db, database, file)));
  return { dialect: 'sqlite', db, writes };
}

/** Checks the database answers, then migrates it; on failure closes it, so nothing is left open. */
async function prepare(db: Kysely<Database>, migrate: () => Promise<void>): Promise<void> {
  try {
    // Asked first so that an unreachable server reads as such, not as a failed migration.
    await sql`select 1`.execute(db).catch((error: unknown) => {
      throw new StoreUnavailableError({ cause: error });
    });
    await migrate();
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

function openSqliteFile(Sqlite: typeof SQLite, path: string): SQLite.Database {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const database = new Sqlite(path);
  try {
    // busy_timeout first: switching to WAL itself needs a lock another process may hold.
    database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    database.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes in WAL mode, and much cheaper than FULL.
    database.pragma('synchronous = NORMAL');
    // 4 MB of page cache rather than the driver's 16 MB: the hot pages (index tops, the latest rows) fit,
    // the operating system caches the file anyway, and the process stays that much smaller.
    database.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
    database.pragma('foreign_keys = ON');
  } catch (error) {
    database.close();
    throw error;
  }
  return database;
}

function openPostgres(driver: typeof pg, connectionString: string, onIdleError: (error: Error) => void, writes: WriteHealth): Kysely<Database> {
  const pool = new driver.Pool({ connectionString, max: PG_POOL_SIZE, connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS });
  // An idle client losing its server emits 'error' on the pool, which would crash the process if nobody
  // listened. The next query on a fresh client reports the problem to whoever made it; this one is
  // only told to the log.
  pool.on('error', onIdleError);
  return new Kysely<Database>({ dialect: new WriteWatchingDialect(new PostgresDialect({ pool }), writes) });
}

async function migratePostgres(db: Kysely<Database>): Promise<void> {
  // Kysely holds a PostgreSQL advisory lock while migrating, so instances starting together take turns.
  check(await new Migrator({ db, provider: new StaticMigrationProvider() }).migrateToLatest());
}

/**
 * SQLite migrations on one file run one after another within this process. better-sqlite3 waits for a
 * lock synchronously: a second store blocking in BEGIN IMMEDIATE would freeze the event loop, and with it
 * the first store's migration that holds the lock, until busy_timeout expired.
 */
const sqliteMigrations = new KeyedQueue();

async function oneAtATime(file: string | undefined, run: () => Promise<void>): Promise<void> {
  return file === undefined ? run() : sqliteMigrations.run(file, run);
}

async function migrateSqlite(db: Kysely<Database>, database: SQLite.Database, file: string | undefined): Promise<void> {
  // Kysely takes no lock on SQLite. An immediate transaction, opened on the one connection Kysely uses,
  // makes a second process starting on the same file wait (busy_timeout) and then find the migrations
  // done, instead of racing it to create the tables. A store already open on the file in this process
  // commits its turn's writes first, or that wait would be on this very thread.
  if (file !== undefined) commitOpenGroups(file);
  try {
    database.exec('BEGIN IMMEDIATE');
  } catch (error) {
    // Still locked after busy_timeout: another process is migrating, or holds a write lock that long.
    throw new MigrationFailedError(undefined, { cause: error });
  }
  try {
    check(await new Migrator({ db, provider: new StaticMigrationProvider() }).migrateToLatest());
    database.exec('COMMIT');
  } catch (error) {
    if (database.inTransaction) database.exec('ROLLBACK');
    throw error instanceof MigrationFailedError ? error : new MigrationFailedError(undefined, { cause: error });
  }
}

function check(result: Awaited<ReturnType<Migrator['migrateToLatest']>>): void {
  if (result.error === undefined) return;
  const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
  throw new MigrationFailedError(failed, { cause: result.error });
}
