import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anyOf } from '../support/matchers.js';
import { CorruptRowError, openStore, RowNotFoundError, type Store } from '../../src/store/index.js';
import { createTestDatabases, execSql } from './databases.js';

const databases = await createTestDatabases();
afterAll(async () => {
  await Promise.all(databases.map((d) => d.drop()));
});

const t0 = new Date('2025-03-01T10:00:00.000Z');
const minutes = (n: number): Date => new Date(t0.getTime() + n * 60_000);

describe.each(databases)('threads on $name', (database) => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(database.url);
  });
  afterAll(async () => {
    await store.close();
  });

  /** A call node of its own for each test, so tests sharing the database never see each other's rows. */
  const node = () => ({ teamId: `T${randomUUID()}`, channelId: 'C1', phloId: 'phlo-1', nodeId: 'node-1' });

  it('creates a thread and reads it back by id and by thread ts', async () => {
    const key = node();
    const created = await store.threads.create({ ...key, threadTs: '1700000000.000100', state: { members: [] }, at: t0 });
    expect(created).toEqual({
      id: anyOf(String),
      ...key,
      threadTs: '1700000000.000100',
      createdAt: t0,
      lastActionAt: t0,
      state: { members: [] },
    });
    expect(await store.threads.get(created.id)).toEqual(created);
    expect(await store.threads.findByThreadTs('C1', '1700000000.000100')).toEqual(created);
    expect(await store.threads.findByThreadTs('C2', '1700000000.000100')).toBeUndefined();
    expect(await store.threads.get(randomUUID())).toBeUndefined();
  });

  it('round-trips state as JSON', async () => {
    const state = {
      members: [
        { id: 'm1', role: 'customer', held: true, phone: '+14155551234' },
        { id: 'm2', role: 'agent', held: false },
      ],
      transfer: null,
      note: 'naïve <!channel> & "quotes" ✓',
      count: 3,
      ratio: 0.5,
      nested: { deep: [1, [2, [3]]] },
    };
    const created = await store.threads.create({ ...node(), threadTs: 'ts-json', state, at: t0 });
    expect((await store.threads.get(created.id))?.state).toEqual(state);

    const scalar = await store.threads.create({ ...node(), threadTs: 'ts-scalar', state: 'just a string', at: t0 });
    expect((await store.threads.get(scalar.id))?.state).toBe('just a string');

    // undefined has no JSON form: it is stored, and read back, as null.
    const empty = await store.threads.create({ ...node(), threadTs: 'ts-empty', state: undefined, at: t0 });
    expect((await store.threads.get(empty.id))?.state).toBeNull();
  });

  it('findActive respects `since` (inclusive) and the call node', async () => {
    const key = node();
    const thread = await store.threads.create({ ...key, threadTs: 'ts-a', state: {}, at: t0 });
    expect((await store.threads.findActive({ ...key, since: t0 }))?.id).toBe(thread.id);
    expect((await store.threads.findActive({ ...key, since: minutes(-120) }))?.id).toBe(thread.id);
    expect(await store.threads.findActive({ ...key, since: new Date(t0.getTime() + 1) })).toBeUndefined();

    expect(await store.threads.findActive({ ...key, nodeId: 'node-2', since: t0 })).toBeUndefined();
    expect(await store.threads.findActive({ ...key, phloId: 'phlo-2', since: t0 })).toBeUndefined();
    expect(await store.threads.findActive({ ...key, channelId: 'C2', since: t0 })).toBeUndefined();
    expect(await store.threads.findActive({ ...key, teamId: 'T-other', since: t0 })).toBeUndefined();
  });

  it('findActiveTs answers the ts of the thread findActive finds, and nothing where it finds none', async () => {
    const key = node();
    await store.threads.create({ ...key, threadTs: 'ts-old', state: {}, at: minutes(-5) });
    await store.threads.create({ ...key, threadTs: 'ts-new', state: { members: {} }, at: t0 });
    expect(await store.threads.findActiveTs({ ...key, since: minutes(-10) })).toBe('ts-new');
    expect(await store.threads.findActiveTs({ ...key, since: new Date(t0.getTime() + 1) })).toBeUndefined();
    expect(await store.threads.findActiveTs({ ...key, nodeId: 'node-2', since: minutes(-10) })).toBeUndefined();
  });

  it('findActive returns the newest active thread', async () => {
    const key = node();
    await store.threads.create({ ...key, threadTs: 'ts-1', state: { n: 1 }, at: minutes(0) });
    const second = await store.threads.create({ ...key, threadTs: 'ts-2', state: { n: 2 }, at: minutes(5) });
    const third = await store.threads.create({ ...key, threadTs: 'ts-3', state: { n: 3 }, at: minutes(10) });
    expect((await store.threads.findActive({ ...key, since: minutes(-1) }))?.id).toBe(third.id);

    // An older thread that saw an action recently is active, but a newer active one still wins.
    await store.threads.update(second.id, { lastActionAt: minutes(20) });
    expect((await store.threads.findActive({ ...key, since: minutes(15) }))?.id).toBe(second.id);
    await store.threads.update(third.id, { lastActionAt: minutes(21) });
    expect((await store.threads.findActive({ ...key, since: minutes(15) }))?.id).toBe(third.id);
  });

  it('update changes lastActionAt and state independently', async () => {
    const thread = await store.threads.create({ ...node(), threadTs: 'ts-u', state: { held: false }, at: t0 });

    await store.threads.update(thread.id, { state: { held: true } });
    expect(await store.threads.get(thread.id)).toMatchObject({ lastActionAt: t0, state: { held: true } });

    await store.threads.update(thread.id, { lastActionAt: minutes(3) });
    expect(await store.threads.get(thread.id)).toMatchObject({ createdAt: t0, lastActionAt: minutes(3), state: { held: true } });

    // state: undefined means "unchanged"; null clears it.
    await store.threads.update(thread.id, { lastActionAt: minutes(4), state: undefined });
    expect(await store.threads.get(thread.id)).toMatchObject({ lastActionAt: minutes(4), state: { held: true } });
    await store.threads.update(thread.id, { state: null });
    expect((await store.threads.get(thread.id))?.state).toBeNull();

    await store.threads.update(thread.id, {});
  });

  it('update of an unknown thread is a RowNotFoundError', async () => {
    const id = randomUUID();
    await expect(store.threads.update(id, { lastActionAt: t0 })).rejects.toBeInstanceOf(RowNotFoundError);
    await expect(store.threads.update(id, {})).rejects.toMatchObject({ code: 'STORE_ROW_NOT_FOUND', rowId: id });
  });

  it('a row with corrupt data fails validation with a typed error', async () => {
    const key = node();
    const thread = await store.threads.create({ ...key, threadTs: 'ts-corrupt', state: {}, at: t0 });
    const placeholder = database.name === 'sqlite' ? '?' : '$1';
    await execSql(database.url, `UPDATE call_threads SET state = '{not json' WHERE id = ${placeholder}`, [thread.id]);

    const error: unknown = await store.threads.get(thread.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptRowError);
    expect(error).toMatchObject({ code: 'STORE_CORRUPT_ROW', table: 'call_threads', rowId: thread.id });
    await expect(store.threads.findActive({ ...key, since: t0 })).rejects.toBeInstanceOf(CorruptRowError);
    await expect(store.threads.findByThreadTs(key.channelId, 'ts-corrupt')).rejects.toBeInstanceOf(CorruptRowError);
  });
});
