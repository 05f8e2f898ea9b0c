import { randomUUID } from 'node:crypto';
import BetterSqlite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store, type ThreadMember } from '../../src/store/index.js';
import type { Database } from '../../src/store/schema.js';
import { StaticMigrationProvider } from '../../src/store/migrations/index.js';
import { createTestDatabase, createTestDatabases, execSql, type TestDatabase } from './databases.js';

const databases = await createTestDatabases();
afterAll(async () => {
  await Promise.all(databases.map((d) => d.drop()));
});

const t0 = new Date('2025-03-01T10:00:00.000Z');
const member = (address: string, data: Record<string, unknown> = { held: false }, present = true): ThreadMember => ({ address, present, data });
const addresses = (members: ThreadMember[]): string[] => members.map((m) => m.address);

describe.each(databases)("a call's members on $name", (database) => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(database.url);
  });
  afterAll(async () => {
    await store.close();
  });

  const thread = () => store.threads.create({ teamId: `T${randomUUID()}`, channelId: 'C1', phloId: 'phlo-1', nodeId: 'node-1', threadTs: randomUUID(), state: {}, at: t0 });

  it('keeps each member in the place first seen, and the latest of what they are', async () => {
    const { id } = await thread();
    await store.threads.putMembers(id, [member('+14155550001'), member('+14155550002')]);
    await store.threads.putMembers(id, [member('+14155550003'), member('+14155550001', { held: true })]);
    await store.threads.putMembers(id, [member('+14155550002', { held: false, left: 'hung_up' }, false)]);

    const listed = await store.threads.listMembers(id, { first: 10, firstPresent: 10 });
    expect(listed).toEqual({
      total: 3,
      members: [
        member('+14155550001', { held: true }),
        member('+14155550002', { held: false, left: 'hung_up' }, false),
        member('+14155550003'),
      ],
    });
  });

  it('reads only the members asked for, in the order seen; none asked, none read', async () => {
    const { id } = await thread();
    await store.threads.putMembers(id, ['+14155550001', '+14155550002', '+14155550003'].map((a) => member(a)));
    expect(addresses(await store.threads.readMembers(id, ['+14155550003', '+14155550001', '+19999999999']))).toEqual(['+14155550001', '+14155550003']);
    expect(await store.threads.readMembers(id, [])).toEqual([]);
    expect(await store.threads.readMembers(randomUUID(), ['+14155550001'])).toEqual([]);
  });

  it('lists the first members seen and the first still on the call, with the count of all', async () => {
    const { id } = await thread();
    // Ten who left, then five still on the call.
    const gone = Array.from({ length: 10 }, (_, i) => member(`+1415555${String(1000 + i)}`, { held: false, left: 'hung_up' }, false));
    const here = Array.from({ length: 5 }, (_, i) => member(`+1415555${String(2000 + i)}`));
    await store.threads.putMembers(id, [...gone, ...here]);

    const listed = await store.threads.listMembers(id, { first: 3, firstPresent: 2 });
    expect(listed.total).toBe(15);
    expect(addresses(listed.members)).toEqual(['+14155551000', '+14155551001', '+14155551002', '+14155552000', '+14155552001']);
    // A member both halves find is listed once.
    expect(addresses((await store.threads.listMembers(id, { first: 12, firstPresent: 2 })).members)).toHaveLength(12);
  });

  it("a thread's members go when the thread is pruned", async () => {
    const old = await thread();
    await store.threads.putMembers(old.id, [member('+14155550001'), member('+14155550002')]);
    await store.actions.prune(new Date(t0.getTime() + 60_000));
    expect(await store.threads.get(old.id)).toBeUndefined();
    const placeholder = database.name === 'sqlite' ? '?' : '$1';
    expect(await execSql(database.url, `SELECT address FROM call_members WHERE thread_id = ${placeholder}`, [old.id])).toEqual([]);
  });
});

describe.each(['sqlite', 'postgres'] as const)('upgrading a %s database whose cards kept their members in one document', (name) => {
  it("moves each thread's members into rows, one per member in the order seen, and leaves the rest of the state", async () => {
    const database = await createTestDatabase(name);
    try {
      // The schema as the previous release left it, with a card written then.
      const db = openUnmigrated(database);
      const migrated = await new Migrator({ db, provider: new StaticMigrationProvider() }).migrateTo('0004_action_source');
      expect(migrated.error).toBeUndefined();
      const legacy = {
        members: {
          '14155550001': { role: 'customer', held: true },
          '+14155550002': { role: 'agent', held: false, left: 'hung_up', leftBy: 'U0BOB' },
          // The same customer again, written before addresses had one form: the later entry wins.
          '+14155550001': { role: 'customer', held: false },
        },
        transfer: { initiator: '+14155550002', recipient: '+14155550003', startedBy: 'U0BOB', at: 1 },
        lastAction: { userId: 'U0BOB', action: 'hold', outcome: 'ok', at: 1 },
      };
      await db
        .insertInto('call_threads')
        .values({ id: 'legacy-thread', team_id: 'T1', channel_id: 'C1', phlo_id: 'p', node_id: 'n', thread_ts: '1.1', created_at: 1, last_action_at: 1, state: JSON.stringify(legacy) })
        .execute();
      await db.destroy();

      const store = await openStore(database.url);
      try {
        const { members: _moved, ...rest } = legacy;
        expect((await store.threads.get('legacy-thread'))?.state).toEqual(rest);
        expect(await store.threads.listMembers('legacy-thread', { first: 10, firstPresent: 10 })).toEqual({
          total: 2,
          members: [
            member('+14155550001', { role: 'customer', held: false }),
            member('+14155550002', { role: 'agent', held: false, left: 'hung_up', leftBy: 'U0BOB' }, false),
          ],
        });
      } finally {
        await store.close();
      }
    } finally {
      await database.drop();
    }
  });
});

/** The database as Kysely sees it, with no migration run (openStore would run them all). */
function openUnmigrated(database: TestDatabase): Kysely<Database> {
  if (database.name === 'sqlite') {
    return new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite(database.url.slice('sqlite:'.length)) }) });
  }
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 1 }) }) });
}
