import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { maskUrlPassword } from '../../src/domain/urlPassword.js';
import { byUserQuery, historyQuery } from '../../src/store/actions.js';
import { connect } from '../../src/store/connect.js';
import {
  InvalidDatabaseUrlError,
  MigrationFailedError,
  openStore,
  parseDatabaseUrl,
  StoreUnavailableError,
} from '../../src/store/index.js';
import type { Database } from '../../src/store/schema.js';
import { createTestDatabase, createTestDatabases, execSql } from './databases.js';

describe('DATABASE_URL', () => {
  it.each([
    ['sqlite:./data/phlo-bot.db', { dialect: 'sqlite', path: './data/phlo-bot.db' }],
    ['sqlite:/var/lib/phlo-bot/db.sqlite', { dialect: 'sqlite', path: '/var/lib/phlo-bot/db.sqlite' }],
    ['sqlite::memory:', { dialect: 'sqlite', path: ':memory:' }],
    ['postgres://bot:secret@db.internal:5432/phlo', { dialect: 'postgres', connectionString: 'postgres://bot:secret@db.internal:5432/phlo' }],
    ['postgresql://db.internal/phlo?sslmode=require', { dialect: 'postgres', connectionString: 'postgresql://db.internal/phlo?sslmode=require' }],
  ])('accepts %s', (url, expected) => {
    expect(parseDatabaseUrl(url)).toEqual(expected);
  });

  it.each(['', 'sqlite:', './data/phlo-bot.db', 'mysql://root@localhost/phlo', 'postgres://', 'postgres://[bad/x', 'SQLITE:x.db'])(
    'rejects %j with InvalidDatabaseUrlError',
    async (url) => {
      expect(() => parseDatabaseUrl(url)).toThrow(InvalidDatabaseUrlError);
      await expect(openStore(url)).rejects.toMatchObject({ code: 'STORE_INVALID_DATABASE_URL' });
    },
  );

  it('never puts a password in the error message', async () => {
    const error: unknown = await openStore('mysql://bot:hunter2@db/phlo').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidDatabaseUrlError);
    expect(String(error)).not.toContain('hunter2');
    expect(maskUrlPassword('postgres://bot:hunter2@db:5432/phlo')).toBe('postgres://bot:***@db:5432/phlo');
    expect(maskUrlPassword('postgres://db:5432/phlo')).toBe('postgres://db:5432/phlo');
    // A password whose characters break URL parsing is masked all the same in the store's own errors.
    expect(() => parseDatabaseUrl('postgres://bot:a/b#c?d@db:5432/phlo')).toThrow(/^(?!.*a\/b#c).*\*\*\*/);
  });
});

describe('SQLite files', () => {
  it('creates missing parent directories and uses WAL', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'phlo-bot-store-'));
    try {
      const path = join(dir, 'a', 'b', 'phlo-bot.db');
      const store = await openStore(`sqlite:${path}`);
      await store.ping();
      await store.close();
      expect((await stat(path)).isFile()).toBe(true);
      expect(await execSql(`sqlite:${path}`, 'PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a path that cannot be opened is a StoreUnavailableError', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'phlo-bot-store-'));
    try {
      // The path is a directory, not a database file.
      await expect(openStore(`sqlite:${dir}`)).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('works in memory', async () => {
    const store = await openStore('sqlite::memory:');
    expect(store.dialect).toBe('sqlite');
    const r = await store.actions.recordIntent({ teamId: 'T', channelId: 'C', userId: 'U', action: 'hold', params: {} });
    expect((await store.actions.get(r.id))?.outcome).toBe('pending');
    await store.close();
  });
});

describe('PostgreSQL server', () => {
  it('that does not answer is a StoreUnavailableError at open', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const error: unknown = await openStore('postgres://postgres@127.0.0.1:1/postgres').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });
});

const databases = await createTestDatabases();
afterAll(async () => {
  await Promise.all(databases.map((d) => d.drop()));
});

describe.each(databases)('opening $name', (database) => {
  it('migrations are idempotent: opening twice keeps the data and applies nothing twice', async () => {
    const first = await openStore(database.url);
    expect(first.dialect).toBe(database.name);
    const r = await first.actions.recordIntent({ teamId: 'T', channelId: 'C', userId: 'U', action: 'hold', params: {} });
    await first.close();

    const second = await openStore(database.url);
    expect((await second.actions.get(r.id))?.action).toBe('hold');
    await second.close();
    const applied = await execSql(database.url, 'SELECT name FROM kysely_migration ORDER BY name');
    expect(applied.map((row) => row['name'])).toEqual(['0001_initial', '0002_seen_requests', '0003_approvals', '0004_action_source', '0005_call_members', '0006_slack_deliveries', '0007_write_probe']);
  });

  it('two instances starting at once on a new database both come up', async () => {
    const fresh = await createTestDatabase(database.name);
    try {
      const stores = await Promise.all([openStore(fresh.url), openStore(fresh.url), openStore(fresh.url)]);
      for (const store of stores) await store.ping();
      await Promise.all(stores.map((s) => s.close()));
      expect(await execSql(fresh.url, 'SELECT name FROM kysely_migration')).toHaveLength(7);
    } finally {
      await fresh.drop();
    }
  });

  it('a migration that cannot apply is a MigrationFailedError naming it, and changes nothing', async () => {
    const fresh = await createTestDatabase(database.name);
    try {
      // A table in the way, as a hand-made schema would leave.
      await execSql(fresh.url, 'CREATE TABLE actions (id text)');
      const error: unknown = await openStore(fresh.url).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationFailedError);
      expect(error).toMatchObject({ code: 'STORE_MIGRATION_FAILED', migration: '0001_initial' });
      // Rolled back whole: no half-made schema is left behind.
      const tables = await execSql(
        fresh.url,
        database.name === 'sqlite'
          ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'call_threads'"
          : "SELECT tablename FROM pg_tables WHERE tablename = 'call_threads'",
      );
      expect(tables).toEqual([]);
    } finally {
      await fresh.drop();
    }
  });

  it('ping answers while open and fails with a typed error once closed; close twice is harmless', async () => {
    const store = await openStore(database.url);
    await expect(store.ping()).resolves.toBeUndefined();
    await store.close();
    await store.close();
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('history (a page of it too) and byUser read the indexes in order, with no sort', async () => {
    const { db } = await connect(database.url);
    try {
      const plan = (query: CompiledQuery) => explain(db, database.name, query);
      const q = { teamId: 'T', channelId: 'C', limit: 20 };

      const channel = await plan(historyQuery(db, q).compile());
      expect(channel).toMatch(/actions_channel_created/);
      const member = await plan(historyQuery(db, { ...q, member: 'm-1', offset: 20 }).compile());
      expect(member).toMatch(/actions_channel_member_created/);
      const user = await plan(byUserQuery(db, { teamId: 'T', userId: 'U', limit: 20 }).compile());
      expect(user).toMatch(/actions_user_created/);
      // The CSV export's next page, after the last row of the previous one.
      const page = await plan(historyQuery(db, { ...q, before: { createdAt: new Date('2025-04-01T09:00:00Z'), id: 'a-1' } }).compile());
      expect(page).toMatch(/actions_channel_created/);
      for (const text of [channel, member, user, page]) expect(text).not.toMatch(/TEMP B-TREE|Sort/i);
    } finally {
      await db.destroy();
    }
  });
});

/** The query plan as text. PostgreSQL is told to avoid sequential scans, which it prefers on a tiny table. */
async function explain(db: Kysely<Database>, dialect: 'sqlite' | 'postgres', query: CompiledQuery): Promise<string> {
  if (dialect === 'sqlite') {
    const rows = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${query.sql}`, [...query.parameters]));
    return rows.rows.map((r) => r.detail).join('\n');
  }
  return db.connection().execute(async (conn) => {
    await sql`SET enable_seqscan = off`.execute(conn);
    const rows = await conn.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN ${query.sql}`, [...query.parameters]));
    await sql`RESET enable_seqscan`.execute(conn);
    return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}
