/**
 * A database that answers reads and refuses writes: a SQLite file on a full disk (a real, small
 * filesystem filled up), a PostgreSQL database switched to read-only (as a failover to a replica or
 * an operator's `default_transaction_read_only` makes it). The store says so when asked whether it
 * takes writes, says so no longer once they go through again, and writes the outcomes it was refused
 * once the database takes them.
 */
import { vi, afterAll, afterEach, describe, expect, it } from 'vitest';
import { HeldOutcomes, type HeldOutcomeEvent } from '../../src/store/heldOutcomes.js';
import { openStore, StoreNotWritableError, type NewAction, type Store } from '../../src/store/index.js';
import { createTestDatabase, setReadOnly, type TestDatabase } from './databases.js';
import { mountSmallDisk, type SmallDisk } from './smallDisk.js';

const intent = (member: string): NewAction => ({ teamId: 'T1', channelId: 'C1', userId: 'U1', action: 'cold_transfer', member, params: { to: member } });
const ok = { outcome: 'ok' as const, httpStatus: 201, apiId: 'api-1', latencyMs: 12 };

async function writableNow(store: Store): Promise<unknown> {
  return store.writable().then(() => 'writable', (error: unknown) => error);
}

describe('a SQLite file on a disk that fills up', () => {
  let disk: SmallDisk | undefined;
  let store: Store | undefined;
  afterEach(async () => {
    disk?.free();
    await store?.close();
    disk?.unmount();
    disk = undefined;
    store = undefined;
  });

  it('is reported as refusing writes, with SQLite\'s reason, until the disk has room again', async () => {
    disk = mountSmallDisk(16);
    store = await openStore(`sqlite:${disk.dir}/phlo-bot.db`);
    const first = await store.actions.recordIntent(intent('+14155550001'));
    await expect(store.writable()).resolves.toBeUndefined();

    disk.fill();
    // The first writes may still fit in the room the WAL already has; the disk is full all the same.
    let refused: unknown;
    for (let i = 0; i < 500 && refused === undefined; i++) {
      await store.actions.recordIntent(intent(`+1415555${String(1000 + i)}`)).catch((error: unknown) => { refused = error; });
    }
    expect(refused).toBeDefined();
    const answer = await writableNow(store);
    expect(answer).toBeInstanceOf(StoreNotWritableError);
    expect(answer).toMatchObject({ code: 'STORE_NOT_WRITABLE', reason: expect.stringMatching(/full/) as unknown });
    // Reads still work: it is writes alone that fail.
    expect((await store.actions.get(first.id))?.outcome).toBe('pending');

    disk.free();
    await expect(store.writable()).resolves.toBeUndefined();
    await store.actions.recordOutcome(first.id, { ...ok, at: new Date() });
    expect((await store.actions.get(first.id))?.outcome).toBe('ok');
  });
});

describe('a PostgreSQL database switched to read-only', () => {
  let database: TestDatabase | undefined;
  const stores: Store[] = [];
  afterEach(async () => {
    if (database !== undefined) await setReadOnly(database.url, false);
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    await database?.drop();
  });
  const url = async (): Promise<string> => {
    database ??= await createTestDatabase('postgres');
    return database.url;
  };
  const open = async (options: Parameters<typeof openStore>[1] = {}): Promise<Store> => {
    const store = await openStore(await url(), options);
    stores.push(store);
    return store;
  };

  it('is reported as refusing writes while reads still work, and as writable again once it is', async () => {
    const store = await open();
    const action = await store.actions.recordIntent(intent('+14155550002'));
    await setReadOnly(await url(), true);
    await store.ping();
    // Nothing has failed yet, so nothing is known: the first refused write tells.
    await expect(store.actions.recordOutcome(action.id, { ...ok, at: new Date() })).rejects.toThrow(/read-only/);
    const answer = await writableNow(store);
    expect(answer).toMatchObject({ code: 'STORE_NOT_WRITABLE', reason: expect.stringMatching(/read-only transaction/) as unknown });

    await setReadOnly(await url(), false);
    // The probe itself may meet a session that was just cut; the next question finds a new one.
    await vi.waitFor(async () => { await store.writable(); }, { timeout: 10_000 });
    expect((await store.actions.get(action.id))?.outcome).toBe('pending');
  });

  it('takes the outcomes it refused once it is writable again, in the background', async () => {
    const events: HeldOutcomeEvent[] = [];
    const store = await open({ heldOutcomeRetryMs: 20, onHeldOutcome: (event) => events.push(event) });
    const actions = await Promise.all(['+14155550011', '+14155550012', '+14155550013'].map((m) => store.actions.recordIntent(intent(m))));
    await setReadOnly(await url(), true);
    for (const action of actions) {
      const refused = await store.actions.recordOutcome(action.id, { ...ok, at: new Date() }).then(() => false, () => true);
      expect(refused).toBe(true);
      expect(store.heldOutcomes.hold(action.id, { ...ok, at: new Date() })).toBe(true);
    }
    expect(store.heldOutcomes.size).toBe(3);
    // Tried again, and refused again, while the database is read-only.
    await vi.waitFor(() => { expect(events.filter((e) => e === 'failed').length).toBeGreaterThanOrEqual(2); }, { timeout: 10_000 });
    expect(store.heldOutcomes.size).toBe(3);

    await setReadOnly(await url(), false);
    await vi.waitFor(() => { expect(store.heldOutcomes.size).toBe(0); }, { timeout: 20_000 });
    for (const action of actions) expect(await store.actions.get(action.id)).toMatchObject({ outcome: 'ok', httpStatus: 201, apiId: 'api-1' });
    expect(events.filter((e) => e === 'written')).toHaveLength(3);
  });

  it('on closing, writes what it holds once more; a held outcome replaces the unknown another instance marked meanwhile', async () => {
    // Retried only by the close: an hour is longer than this test.
    const first = await open({ heldOutcomeRetryMs: 3_600_000 });
    const action = await first.actions.recordIntent(intent('+14155550021'));
    await setReadOnly(await url(), true);
    await expect(first.actions.recordOutcome(action.id, { ...ok, at: new Date() })).rejects.toThrow();
    first.heldOutcomes.hold(action.id, { ...ok, at: new Date() });
    await setReadOnly(await url(), false);

    // Another instance starts and finds the row pending: it can only call it unknown.
    const second = await open();
    const marked = await second.actions.expireStalePending(new Date(Date.now() + 60_000), new Date());
    expect(marked.map((a) => a.id)).toContain(action.id);
    expect((await second.actions.get(action.id))?.outcome).toBe('unknown');

    await first.close();
    expect(first.heldOutcomes.size).toBe(0);
    expect(await second.actions.get(action.id)).toMatchObject({ outcome: 'ok', httpStatus: 201 });
  });

  it('holds at most as many outcomes as its bound, the oldest; a newer one past it is not held', async () => {
    const store = await open();
    const events: HeldOutcomeEvent[] = [];
    const held = new HeldOutcomes((id, update) => store.actions.recordOutcome(id, update), {
      capacity: 2,
      retryAfterMs: 20,
      onEvent: (event) => events.push(event),
    });
    const actions = await Promise.all(['+14155550031', '+14155550032', '+14155550033'].map((m) => store.actions.recordIntent(intent(m))));
    await setReadOnly(await url(), true);
    // PHLO's words can be as long as its answer: a held outcome keeps the first thousand characters.
    const long = { outcome: 'failed' as const, httpStatus: 400, error: 'x'.repeat(50_000), at: new Date() };
    expect(actions.map((a, i) => held.hold(a.id, i === 0 ? long : { ...ok, at: new Date() }))).toEqual([true, true, false]);
    expect(events).toContain('over_capacity');
    expect(held.size).toBe(2);

    await setReadOnly(await url(), false);
    await vi.waitFor(() => { expect(held.size).toBe(0); }, { timeout: 20_000 });
    expect(await store.actions.get(actions[0]?.id ?? '')).toMatchObject({ outcome: 'failed', error: `${'x'.repeat(1000)}…` });
    expect((await store.actions.get(actions[1]?.id ?? ''))?.outcome).toBe('ok');
    expect((await store.actions.get(actions[2]?.id ?? ''))?.outcome).toBe('pending');
    await held.flush(1000);
  });

  it('on the way out, tries again a moment after a refusal, until its time is up', async () => {
    const written: string[] = [];
    let refusals = 1;
    // The first write meets a connection the database has just dropped; the next one goes through.
    const held = new HeldOutcomes(async (id) => {
      if (refusals-- > 0) throw new Error('terminating connection due to administrator command');
      written.push(id);
      await Promise.resolve();
    }, { retryAfterMs: 60_000 });
    held.hold('a1', { ...ok, at: new Date() });
    held.hold('a2', { ...ok, at: new Date() });
    expect(await held.flush(5000)).toBe(0);
    expect(written).toEqual(['a1', 'a2']);

    const stuck = new HeldOutcomes(() => Promise.reject(new Error('read-only')), { retryAfterMs: 60_000 });
    stuck.hold('b1', { ...ok, at: new Date() });
    expect(await stuck.flush(300)).toBe(1);
  });
});
