import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from '../../src/store/statementCache.js';

describe('SQLite statements prepared once', () => {
  it('reuses one statement per SQL text, with each query its own parameters, and sees a column added later', async () => {
    const database = new Database(':memory:');
    const cached = withStatementCache(database);
    expect(cached.prepare('select 1')).toBe(cached.prepare('select 1'));

    const db = new Kysely<{ t: { id: number; name: string } }>({ dialect: new SqliteDialect({ database: cached }) });
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
});
