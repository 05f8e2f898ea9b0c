// Fresh, isolated databases for tests that run against both SQLite and PostgreSQL.
// PostgreSQL comes from the server that test/setup/postgres.ts (a vitest globalSetup) starts.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { inject } from 'vitest';

export type TestDatabaseName = 'sqlite' | 'postgres';

export interface TestDatabase {
  name: TestDatabaseName;
  /** A DATABASE_URL for openStore */
  url: string;
  /** Removes the database (stores on it should be closed first; PostgreSQL connections are cut anyway). */
  drop(): Promise<void>;
}

/** One fresh SQLite file and one fresh PostgreSQL database, for `describe.each`. */
export async function createTestDatabases(): Promise<TestDatabase[]> {
  return [await createTestDatabase('sqlite'), await createTestDatabase('postgres')];
}

export function createTestDatabase(name: TestDatabaseName): Promise<TestDatabase> {
  return name === 'sqlite' ? createSqliteDatabase() : createPostgresDatabase();
}

async function createSqliteDatabase(): Promise<TestDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'phlo-bot-sqlite-'));
  return {
    name: 'sqlite',
    url: `sqlite:${join(dir, 'phlo-bot.db')}`,
    drop: () => rm(dir, { recursive: true, force: true }),
  };
}

function serverUrl(): string {
  const url = inject('postgresUrl');
  if (typeof url !== 'string' || url === '') {
    throw new Error('no PostgreSQL server: add test/setup/postgres.ts to globalSetup in the vitest config');
  }
  return url;
}

async function createPostgresDatabase(): Promise<TestDatabase> {
  const server = serverUrl();
  const name = `phlo_test_${randomBytes(6).toString('hex')}`;
  await withPgClient(server, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    name: 'postgres',
    url: url.toString(),
    drop: async () => {
      // FORCE: a store a failed test left open must not keep the database alive.
      await withPgClient(server, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withPgClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Runs one raw SQL statement on a test database, behind the store's back (to plant corrupt rows, read
 * pragmas). Placeholders are `$1, $2…` for PostgreSQL and `?` for SQLite. Returns the rows, if any.
 */
export async function execSql(url: string, text: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  if (url.startsWith('sqlite:')) {
    const db = new Database(url.slice('sqlite:'.length));
    try {
      const statement = db.prepare(text);
      if (statement.reader) return statement.all(...params) as Record<string, unknown>[];
      statement.run(...params);
      return [];
    } finally {
      db.close();
    }
  }
  return withPgClient(url, async (client) => (await client.query<Record<string, unknown>>(text, params)).rows);
}

export interface Planted {
  /** How many rows; ids are `${prefix}${i}` for i from 0. */
  count: number;
  prefix: string;
  /** Row i is created at start + floor(i / 3) ms: three rows share each millisecond, so ties are common. */
  start: number;
  channelId?: string;
}

/**
 * Writes many actions in one statement, behind the store's back (far quicker than one insert each).
 * Every tenth has an error a CSV must quote and defuse; members cycle through five numbers.
 */
export async function plantActions(url: string, p: Planted): Promise<void> {
  const channel = p.channelId ?? 'C1';
  const columns = 'id, created_at, team_id, channel_id, user_id, action, member, params, outcome, error';
  if (url.startsWith('sqlite:')) {
    await execSql(
      url,
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
       INSERT INTO actions (${columns})
       SELECT ? || i, ? + i / 3, 'T1', ?, 'U1', 'hold', '+1415555000' || (i % 5), '{"note":"a, b"}', 'denied',
              CASE WHEN i % 10 = 0 THEN 'say "hi", then' || char(10) || '=cmd' END
       FROM n`,
      [p.count, p.prefix, p.start, channel],
    );
    return;
  }
  await execSql(
    url,
    `INSERT INTO actions (${columns})
     SELECT $1 || i, $2::bigint + i / 3, 'T1', $3, 'U1', 'hold', '+1415555000' || (i % 5), '{"note":"a, b"}', 'denied',
            CASE WHEN i % 10 = 0 THEN 'say "hi", then' || chr(10) || '=cmd' END
     FROM generate_series(0, $4::int - 1) AS i`,
    [p.prefix, p.start, channel, p.count],
  );
}

/**
 * Switches a PostgreSQL test database to read-only for every session (or back), as a failover to a
 * replica or an operator's `default_transaction_read_only` does, and ends the sessions open on it.
 */
export async function setReadOnly(url: string, readOnly: boolean): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  // Asked from the server's own database: a session on a read-only one could not undo it.
  target.pathname = '/postgres';
  const admin = target.toString();
  await execSql(admin, `ALTER DATABASE ${name} SET default_transaction_read_only = ${readOnly ? 'on' : 'off'}`);
  // The setting is read when a session starts: pools open new ones.
  await execSql(admin, 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
}
