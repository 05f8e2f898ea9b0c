import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anyOf } from '../support/matchers.js';
import {
  ActionAlreadyCompletedError,
  CorruptRowError,
  openStore,
  RowNotFoundError,
  type NewAction,
  type Store,
} from '../../src/store/index.js';
import { createTestDatabases, execSql } from './databases.js';

const databases = await createTestDatabases();
afterAll(async () => {
  await Promise.all(databases.map((d) => d.drop()));
});

const t0 = new Date('2025-04-01T09:00:00.000Z');
const seconds = (n: number): Date => new Date(t0.getTime() + n * 1000);

describe.each(databases)('actions on $name', (database) => {
  let store: Store;
  const clock = { now: t0 };
  beforeAll(async () => {
    store = await openStore(database.url, { now: () => clock.now });
  });
  afterAll(async () => {
    await store.close();
  });

  /** A team of its own for each test, so tests sharing the database never see each other's rows. */
  const intent = (overrides: Partial<NewAction> = {}): NewAction => ({
    createdAt: t0,
    teamId: `T${randomUUID()}`,
    channelId: 'C1',
    userId: 'U1',
    action: 'hold',
    phloId: 'phlo-1',
    nodeId: 'node-1',
    member: 'm-1',
    params: {},
    ...overrides,
  });

  it('records an intent as pending, then its outcome', async () => {
    const a = intent({ threadTs: '1700000000.000100', params: { to: '+14155551234', role: 'agent' }, dedupKey: 'k1' });
    const pending = await store.actions.recordIntent(a);
    expect(pending).toEqual({
      id: anyOf(String),
      createdAt: t0,
      teamId: a.teamId,
      channelId: 'C1',
      threadTs: '1700000000.000100',
      userId: 'U1',
      action: 'hold',
      phloId: 'phlo-1',
      nodeId: 'node-1',
      member: 'm-1',
      params: { to: '+14155551234', role: 'agent' },
      outcome: 'pending',
      dedupKey: 'k1',
    });
    expect(await store.actions.get(pending.id)).toEqual(pending);

    await store.actions.recordOutcome(pending.id, {
      outcome: 'ok',
      httpStatus: 200,
      apiId: 'api-123',
      latencyMs: 183.6,
      at: seconds(1),
    });
    expect(await store.actions.get(pending.id)).toEqual({
      ...pending,
      outcome: 'ok',
      completedAt: seconds(1),
      httpStatus: 200,
      apiId: 'api-123',
      latencyMs: 184,
    });
  });

  it('leaves optional fields out rather than undefined, and defaults createdAt to the clock', async () => {
    clock.now = seconds(42);
    const { createdAt: _omitted, ...rest } = intent();
    const record = await store.actions.recordIntent({ ...rest, phloId: undefined, nodeId: undefined, member: undefined });
    expect(record.createdAt).toEqual(seconds(42));
    for (const key of ['threadTs', 'phloId', 'nodeId', 'member', 'completedAt', 'httpStatus', 'apiId', 'error', 'latencyMs', 'dedupKey', 'duplicateOf']) {
      expect(record).not.toHaveProperty(key);
    }
  });

  it('records a failure with its error text and the thread learned after the intent', async () => {
    const pending = await store.actions.recordIntent(intent({ action: 'call' }));
    await store.actions.recordOutcome(pending.id, {
      outcome: 'failed',
      httpStatus: 404,
      apiId: 'api-404',
      error: 'member not found',
      latencyMs: 20,
      threadTs: '1700000000.000200',
      at: seconds(2),
    });
    expect(await store.actions.get(pending.id)).toMatchObject({
      outcome: 'failed',
      httpStatus: 404,
      error: 'member not found',
      threadTs: '1700000000.000200',
      completedAt: seconds(2),
    });
  });

  it('attachThread sets the thread of an action after its outcome', async () => {
    const r = await store.actions.recordIntent(intent());
    await store.actions.recordOutcome(r.id, { outcome: 'ok', at: seconds(1) });
    await store.actions.attachThread(r.id, '1700000000.000300');
    expect(await store.actions.get(r.id)).toMatchObject({ outcome: 'ok', threadTs: '1700000000.000300' });
    await expect(store.actions.attachThread(randomUUID(), 'ts')).rejects.toBeInstanceOf(RowNotFoundError);
  });

  it('refuses an outcome for an unknown action or a completed one, but completes an expired one', async () => {
    await expect(store.actions.recordOutcome(randomUUID(), { outcome: 'ok', at: t0 })).rejects.toBeInstanceOf(RowNotFoundError);

    const done = await store.actions.recordIntent(intent());
    await store.actions.recordOutcome(done.id, { outcome: 'ok', at: seconds(1) });
    await expect(store.actions.recordOutcome(done.id, { outcome: 'failed', at: seconds(2) })).rejects.toBeInstanceOf(
      ActionAlreadyCompletedError,
    );
    expect((await store.actions.get(done.id))?.outcome).toBe('ok');

    // The start-up sweep may mark a slow action 'unknown'; its real outcome, when it arrives, is better.
    const slow = await store.actions.recordIntent(intent({ teamId: `T${randomUUID()}`, createdAt: new Date('1990-01-01T00:00:00Z') }));
    const expired = await store.actions.expireStalePending(new Date('1990-01-02T00:00:00Z'), seconds(5));
    expect(expired.map((r) => r.id)).toContain(slow.id);
    await store.actions.recordOutcome(slow.id, { outcome: 'ok', httpStatus: 200, at: seconds(6) });
    expect(await store.actions.get(slow.id)).toMatchObject({ outcome: 'ok', completedAt: seconds(6) });
  });

  it('recordFinal writes an attempt that never reached PHLO in one insert', async () => {
    const denied = await store.actions.recordFinal({ ...intent({ action: 'hangup' }), outcome: 'denied', error: 'needs hangup' });
    expect(denied).toMatchObject({ outcome: 'denied', error: 'needs hangup', completedAt: t0, createdAt: t0 });
    expect(await store.actions.get(denied.id)).toEqual(denied);

    const invalid = await store.actions.recordFinal({ ...intent({ params: { to: 'abc' } }), outcome: 'invalid', error: 'bad number' });
    expect(invalid).toMatchObject({ outcome: 'invalid', params: { to: 'abc' } });

    const first = await store.actions.recordIntent(intent({ dedupKey: 'same' }));
    const dup = await store.actions.recordFinal({ ...intent({ dedupKey: 'same' }), outcome: 'duplicate', duplicateOf: first.id });
    expect(await store.actions.get(dup.id)).toMatchObject({ outcome: 'duplicate', duplicateOf: first.id, dedupKey: 'same' });
  });

  it('history filters by channel and member, newest first, with limit and offset', async () => {
    const teamId = `T${randomUUID()}`;
    const ids: Record<string, string> = {};
    const add = async (name: string, at: number, channelId: string, member?: string) => {
      const r = await store.actions.recordIntent(intent({ teamId, channelId, member, createdAt: seconds(at), action: name }));
      ids[name] = r.id;
    };
    await add('a1', 1, 'C1', 'alice');
    await add('b1', 2, 'C1', 'bob');
    await add('a2', 3, 'C1', 'alice');
    await add('x1', 4, 'C2', 'alice');
    await add('n1', 5, 'C1');
    await add('b2', 6, 'C1', 'bob');

    const names = (records: { action: string }[]) => records.map((r) => r.action);
    expect(names(await store.actions.history({ teamId, channelId: 'C1', limit: 10 }))).toEqual(['b2', 'n1', 'a2', 'b1', 'a1']);
    expect(names(await store.actions.history({ teamId, channelId: 'C1', limit: 2 }))).toEqual(['b2', 'n1']);
    expect(names(await store.actions.history({ teamId, channelId: 'C1', limit: 2, offset: 2 }))).toEqual(['a2', 'b1']);
    expect(names(await store.actions.history({ teamId, channelId: 'C1', member: 'alice', limit: 10 }))).toEqual(['a2', 'a1']);
    expect(names(await store.actions.history({ teamId, channelId: 'C2', limit: 10 }))).toEqual(['x1']);
    expect(await store.actions.history({ teamId, channelId: 'C3', limit: 10 })).toEqual([]);
    expect(await store.actions.history({ teamId: 'T-other', channelId: 'C1', limit: 10 })).toEqual([]);
    // Odd limits mean the same in both engines: no rows, or whole rows.
    expect(await store.actions.history({ teamId, channelId: 'C1', limit: 0 })).toEqual([]);
    expect(await store.actions.history({ teamId, channelId: 'C1', limit: -1 })).toEqual([]);
    expect(names(await store.actions.history({ teamId, channelId: 'C1', limit: 1.7, offset: -3 }))).toEqual(['b2']);
  });

  it('history breaks ties on the same millisecond deterministically', async () => {
    const teamId = `T${randomUUID()}`;
    const made = await Promise.all([1, 2, 3, 4].map(() => store.actions.recordIntent(intent({ teamId, createdAt: t0 }))));
    const expected = made.map((r) => r.id).sort().reverse();
    expect((await store.actions.history({ teamId, channelId: 'C1', limit: 10 })).map((r) => r.id)).toEqual(expected);
    expect((await store.actions.history({ teamId, channelId: 'C1', limit: 2, offset: 2 })).map((r) => r.id)).toEqual(expected.slice(2));
  });

  it("byUser lists one user's actions across channels, newest first", async () => {
    const teamId = `T${randomUUID()}`;
    await store.actions.recordIntent(intent({ teamId, userId: 'U1', channelId: 'C1', action: 'first', createdAt: seconds(1) }));
    await store.actions.recordIntent(intent({ teamId, userId: 'U2', channelId: 'C1', action: 'other', createdAt: seconds(2) }));
    await store.actions.recordFinal({ ...intent({ teamId, userId: 'U1', channelId: 'C2', action: 'second', createdAt: seconds(3) }), outcome: 'denied' });
    await store.actions.recordIntent(intent({ teamId, userId: 'U1', channelId: 'C1', action: 'third', createdAt: seconds(4) }));

    const list = await store.actions.byUser({ teamId, userId: 'U1', limit: 10 });
    expect(list.map((r) => r.action)).toEqual(['third', 'second', 'first']);
    expect((await store.actions.byUser({ teamId, userId: 'U1', limit: 2 })).map((r) => r.action)).toEqual(['third', 'second']);
    expect(await store.actions.byUser({ teamId: 'T-other', userId: 'U1', limit: 10 })).toEqual([]);
  });

  it('rows with corrupt data fail validation with a typed error', async () => {
    const p = (n: number) => (database.name === 'sqlite' ? '?' : `$${n}`);
    const badParams = await store.actions.recordIntent(intent());
    await execSql(database.url, `UPDATE actions SET params = 'not json' WHERE id = ${p(1)}`, [badParams.id]);
    const nonStringParam = await store.actions.recordIntent(intent());
    await execSql(database.url, `UPDATE actions SET params = '{"n": 1}' WHERE id = ${p(1)}`, [nonStringParam.id]);
    const badOutcome = await store.actions.recordIntent(intent());
    await execSql(database.url, `UPDATE actions SET outcome = 'maybe' WHERE id = ${p(1)}`, [badOutcome.id]);

    for (const id of [badParams.id, nonStringParam.id, badOutcome.id]) {
      const error: unknown = await store.actions.get(id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CorruptRowError);
      expect(error).toMatchObject({ code: 'STORE_CORRUPT_ROW', table: 'actions', rowId: id });
    }
    const teamId = (await execSql(database.url, `SELECT team_id FROM actions WHERE id = ${p(1)}`, [badOutcome.id]))[0]?.['team_id'];
    expect(typeof teamId).toBe('string');
    await expect(store.actions.history({ teamId: String(teamId), channelId: 'C1', limit: 5 })).rejects.toBeInstanceOf(CorruptRowError);
  });

  if (database.name === 'sqlite') {
    it('a time that is not an integer fails validation (SQLite columns accept any type)', async () => {
      const r = await store.actions.recordIntent(intent());
      await execSql(database.url, `UPDATE actions SET created_at = 'yesterday' WHERE id = ?`, [r.id]);
      await expect(store.actions.get(r.id)).rejects.toThrow(/created_at/);
    });
  }
});
