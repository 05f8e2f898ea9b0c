// The store's SQLite connection: each statement prepared once, and a turn's writes committed together,
// each write's promise settling only once its commit is done. Checked from a second connection, as
// another process reading the file would see it.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { GroupCommitSqliteDialect } from '../../src/store/sqliteDialect.js';
import { statementCache } from '../../src/store/statementCache.js';

interface Tables {
  t: { id: number; name: string; note?: string | null };
}

const PAGE_SIZE = 4096;

const opened: { db: Kysely<Tables>; other: Sqlite.Database; dir: string }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) {
    o.other.close();
    await o.db.destroy();
    rmSync(o.dir, { recursive: true, force: true });
  }
});

/** The store's kind of connection to a fresh file, and a plain second connection to the same file. */
async function open(): Promise<{ db: Kysely<Tables>; database: Sqlite.Database; file: string; other: Sqlite.Database }> {
  const dir = mkdtempSync(join(tmpdir(), 'phlo-bot-dialect-'));
  const file = join(dir, 'db.sqlite');
  const database = new Sqlite(file);
  database.pragma(`page_size = ${PAGE_SIZE}`);
  database.pragma('journal_mode = WAL');
  // Only this test's commits add to the WAL: nothing copies it back while the test counts.
  database.pragma('wal_autocheckpoint = 0');
  const db = new Kysely<Tables>({ dialect: new GroupCommitSqliteDialect(database, file) });
  await sql`create table t (id integer primary key, name text not null)`.execute(db);
  const other = new Sqlite(file);
  opened.push({ db, other, dir });
  return { db, database, file, other };
}

/** The pages appended to the WAL so far (its header is 32 bytes; each frame a 24-byte header and a page). */
const walFrames = (file: string): number => {
  const size = statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0;
  return size === 0 ? 0 : (size - 32) / (PAGE_SIZE + 24);
};
const namesSeenBy = (other: Sqlite.Database): string[] =>
  other.prepare('select name from t order by id').all().map((r) => String((r as { name: unknown }).name));

describe('the store\'s SQLite connection', () => {
  it('prepares each SQL text once, each query with its own parameters, and sees a column added later', async () => {
    const database = new Sqlite(':memory:');
    const prepare = statementCache(database);
    expect(prepare('select 1')).toBe(prepare('select 1'));

    const db = new Kysely<Tables>({ dialect: new GroupCommitSqliteDialect(database, undefined) });
    await sql`create table t (id integer primary key, name text)`.execute(db);
    await db.insertInto('t').values({ id: 1, name: 'one' }).execute();
    await db.insertInto('t').values({ id: 2, name: 'two' }).execute();
    const byId = (id: number) => db.selectFrom('t').selectAll().where('id', '=', id).executeTakeFirst();
    expect(await byId(1)).toEqual({ id: 1, name: 'one' });
    expect(await byId(2)).toEqual({ id: 2, name: 'two' });

    await sql`alter table t add column note text`.execute(db);
    expect(await byId(2)).toEqual({ id: 2, name: 'two', note: null });
    await db.destroy();
    expect(database.open).toBe(false);
  });

  it('commits the writes made in one turn together, and a write resolves only once another connection can read it', async () => {
    const { db, file, other } = await open();
    const before = walFrames(file);
    const writes = Array.from({ length: 50 }, (_, i) =>
      db.insertInto('t').values({ id: i + 1, name: `n${i + 1}` }).returning('id').executeTakeFirstOrThrow(),
    );
    const first = await writes[0];
    // By the time the first write resolves, all fifty are in the file, from one commit: a commit appends
    // the pages it changed to the WAL, here the table's one page.
    expect(first).toEqual({ id: 1 });
    expect(namesSeenBy(other)).toHaveLength(50);
    expect(walFrames(file) - before).toBe(1);
    expect((await Promise.all(writes)).map((r) => r.id)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));

    // Writes each awaited before the next are in turns of their own, a commit each.
    const between = walFrames(file);
    for (let i = 1; i <= 5; i++) await db.updateTable('t').set({ name: `changed ${i}` }).where('id', '=', i).execute();
    expect(walFrames(file) - between).toBe(5);
    expect(namesSeenBy(other).slice(0, 6)).toEqual(['changed 1', 'changed 2', 'changed 3', 'changed 4', 'changed 5', 'n6']);
  });

  it('lets a read see the writes of its own turn before they are committed', async () => {
    const { db } = await open();
    const write = db.insertInto('t').values({ id: 1, name: 'one' }).execute();
    // Asked in the same turn, after the write ran: the connection that wrote it sees it.
    const read = db.selectFrom('t').select('name').execute();
    expect(await read).toEqual([{ name: 'one' }]);
    await write;
  });

  it('fails only the write that broke a constraint; the rest of its turn is committed', async () => {
    const { db, other } = await open();
    await db.insertInto('t').values({ id: 1, name: 'one' }).execute();
    const results = await Promise.allSettled([
      db.insertInto('t').values({ id: 2, name: 'two' }).execute(),
      db.insertInto('t').values({ id: 1, name: 'one again' }).execute(),
      db.insertInto('t').values({ id: 3, name: 'three' }).execute(),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[1]).toMatchObject({ reason: { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' } });
    expect(namesSeenBy(other)).toEqual(['one', 'two', 'three']);
  });

  it('fails every write of a turn whose transaction SQLite gave up, and keeps none of them', async () => {
    const { db, database, other } = await open();
    await db.insertInto('t').values({ id: 1, name: 'one' }).execute();
    // A disk that fills up: SQLite rolls back the whole transaction, so no write of the turn is kept.
    const pages = Number(database.pragma('page_count', { simple: true }));
    database.pragma(`max_page_count = ${pages + 1}`);
    const results = await Promise.allSettled([
      db.insertInto('t').values({ id: 2, name: 'two' }).execute(),
      db.insertInto('t').values({ id: 3, name: 'x'.repeat(100_000) }).execute(),
    ]);
    expect(results).toMatchObject([
      { status: 'rejected', reason: { code: 'STORE_GROUP_COMMIT_FAILED' } },
      { status: 'rejected', reason: { code: 'SQLITE_FULL' } },
    ]);
    expect(namesSeenBy(other)).toEqual(['one']);
    // The connection goes on: the next turn's writes commit.
    database.pragma('max_page_count = 1000000');
    await db.insertInto('t').values({ id: 4, name: 'four' }).execute();
    expect(namesSeenBy(other)).toEqual(['one', 'four']);
  });

  it('gives an explicit transaction the connection to itself: other writes wait for it, and its rollback undoes only its own', async () => {
    const { db, other } = await open();
    let outsideDone = false;
    let outside: Promise<unknown> | undefined;
    const inside = db.transaction().execute(async (tx) => {
      await tx.insertInto('t').values({ id: 1, name: 'inside' }).execute();
      outside = db
        .insertInto('t')
        .values({ id: 2, name: 'outside' })
        .execute()
        .then(() => { outsideDone = true; });
      await tx.selectFrom('t').selectAll().execute();
      // The other write waits until this transaction is over.
      expect(outsideDone).toBe(false);
      throw new Error('changed my mind');
    });
    await expect(inside).rejects.toThrow('changed my mind');
    await outside;
    expect(namesSeenBy(other)).toEqual(['outside']);
  });

  it('runs explicit transactions begun together one after another, with the writes around them', async () => {
    const { db, other } = await open();
    const insertTwice = (base: number) =>
      db.transaction().execute(async (tx) => {
        await tx.insertInto('t').values({ id: base, name: `tx${base}` }).execute();
        await tx.insertInto('t').values({ id: base + 1, name: `tx${base + 1}` }).execute();
      });
    await Promise.all([
      insertTwice(10),
      db.insertInto('t').values({ id: 1, name: 'plain' }).execute(),
      insertTwice(20),
      insertTwice(30),
    ]);
    expect(namesSeenBy(other)).toEqual(['plain', 'tx10', 'tx11', 'tx20', 'tx21', 'tx30', 'tx31']);
  });
});
