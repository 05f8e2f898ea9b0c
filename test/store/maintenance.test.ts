// expireStalePending and prune act on the whole table, so each test here gets a database of its own.
import { copyFileSync, statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type NewAction, type Store } from '../../src/store/index.js';
import { waitFor } from '../support/wait.js';
import { createTestDatabase, execSql, plantActions, type TestDatabase, type TestDatabaseName } from './databases.js';

const t0 = new Date('2025-05-01T12:00:00.000Z');
const minutes = (n: number): Date => new Date(t0.getTime() + n * 60_000);

/** More than the first few batches of a prune hold, so it takes several. */
const MANY = 6_000;
const cutoffAfterOld = (start: number): Date => new Date(start + MANY / 3);

/** The ids left in the actions table, sorted. */
async function idsLeft(url: string): Promise<string[]> {
  const rows = await execSql(url, 'SELECT id FROM actions');
  return rows.map((r) => String(r['id'])).sort();
}

const intent = (createdAt: Date, action = 'hold'): NewAction => ({
  createdAt,
  teamId: 'T1',
  channelId: 'C1',
  userId: 'U1',
  action,
  params: {},
});

describe.each<TestDatabaseName>(['sqlite', 'postgres'])('maintenance on %s', (name) => {
  let database: TestDatabase | undefined;
  let store: Store | undefined;
  const fresh = async (): Promise<{ store: Store; database: TestDatabase }> => {
    database = await createTestDatabase(name);
    store = await openStore(database.url);
    return { store, database };
  };
  afterEach(async () => {
    await store?.close();
    await database?.drop();
    store = undefined;
    database = undefined;
  });

  it('expireStalePending marks only old pending rows unknown, and returns them oldest first', async () => {
    const { store } = await fresh();
    const oldest = await store.actions.recordIntent(intent(minutes(-30), 'oldest'));
    const old = await store.actions.recordIntent(intent(minutes(-10), 'old'));
    const oldButDone = await store.actions.recordIntent(intent(minutes(-20), 'done'));
    await store.actions.recordOutcome(oldButDone.id, { outcome: 'ok', at: minutes(-19) });
    const oldDenied = await store.actions.recordFinal({ ...intent(minutes(-25), 'denied'), outcome: 'denied' });
    const recent = await store.actions.recordIntent(intent(minutes(0), 'recent'));

    const expired = await store.actions.expireStalePending(minutes(-5), minutes(1));
    expect(expired.map((r) => r.action)).toEqual(['oldest', 'old']);
    for (const r of expired) expect(r).toMatchObject({ outcome: 'unknown', completedAt: minutes(1) });

    expect((await store.actions.get(oldest.id))?.outcome).toBe('unknown');
    expect((await store.actions.get(old.id))?.outcome).toBe('unknown');
    expect(await store.actions.get(oldButDone.id)).toMatchObject({ outcome: 'ok', completedAt: minutes(-19) });
    expect((await store.actions.get(oldDenied.id))?.outcome).toBe('denied');
    expect((await store.actions.get(recent.id))?.outcome).toBe('pending');

    // A second start finds nothing left to expire.
    expect(await store.actions.expireStalePending(minutes(-5), minutes(2))).toEqual([]);
  });

  it('prune deletes actions created before the cutoff and returns how many', async () => {
    const { store } = await fresh();
    const old1 = await store.actions.recordFinal({ ...intent(minutes(-100)), outcome: 'denied' });
    const old2 = await store.actions.recordIntent(intent(minutes(-50)));
    const atCutoff = await store.actions.recordIntent(intent(minutes(-10)));
    const recent = await store.actions.recordIntent(intent(minutes(0)));

    expect(await store.actions.prune(minutes(-10))).toBe(2);
    expect(await store.actions.get(old1.id)).toBeUndefined();
    expect(await store.actions.get(old2.id)).toBeUndefined();
    expect(await store.actions.get(atCutoff.id)).toBeDefined();
    expect(await store.actions.get(recent.id)).toBeDefined();
    expect(await store.actions.prune(minutes(-10))).toBe(0);
  });

  it('prune drops claims that have expired and keeps live ones', async () => {
    const { store, database } = await fresh();
    const now = Date.now();
    await store.actions.claim({ dedupKey: 'stale', actionId: 'a1', at: new Date(now - 60 * 60_000), inFlightTtlMs: 60_000 });
    await store.actions.claim({ dedupKey: 'live', actionId: 'a2', at: new Date(now), inFlightTtlMs: 60_000 });
    await store.actions.prune(minutes(-10));
    const keys = await execSql(database.url, 'SELECT dedup_key FROM action_claims ORDER BY dedup_key');
    expect(keys.map((r) => r['dedup_key'])).toEqual(['live']);
  });

  it('prune drops call threads idle since before the cutoff', async () => {
    const { store } = await fresh();
    const base = { teamId: 'T1', channelId: 'C1', phloId: 'p', nodeId: 'n', state: {} };
    const old = await store.threads.create({ ...base, threadTs: '1.000001', at: minutes(-20) });
    const recent = await store.threads.create({ ...base, threadTs: '1.000002', at: minutes(-5) });
    await store.actions.prune(minutes(-10));
    expect(await store.threads.get(old.id)).toBeUndefined();
    expect(await store.threads.get(recent.id)).toBeDefined();
  });

  it('prune of many rows deletes exactly those before the cutoff, however the batches fall', async () => {
    const { store, database } = await fresh();
    const start = t0.getTime();
    await plantActions(database.url, { count: MANY, prefix: 'old-', start });
    // The newest rows share the cutoff's millisecond and later: kept.
    await plantActions(database.url, { count: 30, prefix: 'new-', start: cutoffAfterOld(start).getTime() });

    expect(await store.actions.prune(cutoffAfterOld(start))).toBe(MANY);
    expect(await idsLeft(database.url)).toEqual(Array.from({ length: 30 }, (_, i) => `new-${i}`).sort());
    expect(await store.actions.prune(cutoffAfterOld(start))).toBe(0);
  });

  it('actions recorded while a prune runs are kept, and the prune still deletes every old one', async () => {
    const { store, database } = await fresh();
    const start = t0.getTime();
    await plantActions(database.url, { count: MANY, prefix: 'old-', start });
    const cutoff = cutoffAfterOld(start);
    const pruning = store.actions.prune(cutoff);
    // Slack keeps sending commands meanwhile: each is recorded between two batches.
    const recorded = [];
    for (let i = 0; i < 5; i++) recorded.push(await store.actions.recordIntent(intent(new Date(cutoff.getTime() + i), `during-${i}`)));
    expect(await pruning).toBe(MANY);
    for (const r of recorded) expect((await store.actions.get(r.id))?.action).toBe(r.action);
    expect(await idsLeft(database.url)).toEqual(recorded.map((r) => r.id).sort());
  });

  it('two instances pruning at once delete and count each row once', async () => {
    const { store, database } = await fresh();
    const other = await openStore(database.url);
    try {
      const start = t0.getTime();
      await plantActions(database.url, { count: MANY, prefix: 'old-', start });
      await plantActions(database.url, { count: 30, prefix: 'new-', start: cutoffAfterOld(start).getTime() });
      const counts = await Promise.all([store.actions.prune(cutoffAfterOld(start)), other.actions.prune(cutoffAfterOld(start))]);
      expect(counts[0] + counts[1]).toBe(MANY);
      expect(await idsLeft(database.url)).toHaveLength(30);
    } finally {
      await other.close();
    }
  });
});

describe('a large prune on SQLite, which runs each statement synchronously', () => {
  it('leaves its deletions in the database file itself, not only in the write-ahead log', async () => {
    const database = await createTestDatabase('sqlite');
    const store = await openStore(database.url);
    try {
      const start = t0.getTime();
      await plantActions(database.url, { count: MANY, prefix: 'old-', start });
      await plantActions(database.url, { count: 30, prefix: 'new-', start: cutoffAfterOld(start).getTime() });
      expect(await store.actions.prune(cutoffAfterOld(start))).toBe(MANY);
      // The file alone, as a copy without its WAL shows it: what the prune deleted was copied into it
      // (checkpointed) before the prune returned, off the event loop.
      const file = database.url.slice('sqlite:'.length);
      const copy = `${file}.copy`;
      copyFileSync(file, copy);
      expect(await idsLeft(`sqlite:${copy}`)).toEqual(Array.from({ length: 30 }, (_, i) => `new-${i}`).sort());
    } finally {
      await store.close();
      await database.drop();
    }
  });

  it('keeps the write-ahead log from growing while the app keeps writing, with no checkpoint on the event loop', async () => {
    const database = await createTestDatabase('sqlite');
    // Each background checkpoint that found every page of the WAL already in the file.
    let caughtUp = 0;
    const store = await openStore(database.url, {
      onCheckpoint: (result) => {
        if (result.walPages > 0 && result.copiedPages === result.walPages) caughtUp += 1;
      },
    });
    const file = database.url.slice('sqlite:'.length);
    /** The rows the database file alone holds, as a copy without its WAL shows them. */
    const inFileAlone = async (): Promise<number> => {
      copyFileSync(file, `${file}.copy`);
      return (await idsLeft(`sqlite:${file}.copy`)).length;
    };
    try {
      const start = t0.getTime();
      await plantActions(database.url, { count: MANY, prefix: 'old-', start });
      await store.actions.prune(cutoffAfterOld(start));
      const left = (await idsLeft(database.url)).length;
      // 600 actions through the store, ~30 MB of WAL (SQLite's own checkpoint, which would run inside one
      // of these commits, is off): the checkpoint thread copies them into the file on its own.
      const note = 'x'.repeat(8_000);
      const write = async (from: number): Promise<void> => {
        for (let i = from; i < from + 600; i++) await store.actions.recordIntent({ ...intent(minutes(i)), params: { note } });
      };
      await write(0);
      await waitFor(async () => (await inFileAlone()) === left + 600, { message: 'the first 600 in the database file', timeoutMs: 20_000, intervalMs: 200 });
      // The rows show in the file a moment before the checkpoint is done with the WAL; the next write
      // starts the WAL over only once it is. Waiting for a checkpoint after this one that found nothing
      // left to copy makes the test independent of how loaded the machine is.
      const before = caughtUp;
      await waitFor(() => caughtUp > before, { message: 'a checkpoint with every page copied', timeoutMs: 20_000, intervalMs: 50 });
      const walAfterFirst = statSync(`${file}-wal`).size;
      // Once they are in the file, the WAL starts over: 600 more reuse it rather than double it.
      await write(600);
      await waitFor(async () => (await inFileAlone()) === left + 1200, { message: 'the next 600 in the database file', timeoutMs: 20_000, intervalMs: 200 });
      expect(statSync(`${file}-wal`).size).toBeLessThan(walAfterFirst * 1.5);
    } finally {
      await store.close();
      await database.drop();
    }
  });

  it('lets other work run between its batches', async () => {
    const database = await createTestDatabase('sqlite');
    const store = await openStore(database.url);
    try {
      const start = t0.getTime();
      await plantActions(database.url, { count: MANY, prefix: 'old-', start });
      // Stands for a Slack request waiting on the event loop: it gets a turn whenever the loop is free.
      let turns = 0;
      let pruning = true;
      const other = (): void => {
        if (!pruning) return;
        turns += 1;
        setImmediate(other);
      };
      setImmediate(other);
      const deleted = await store.actions.prune(cutoffAfterOld(start));
      pruning = false;
      expect(deleted).toBe(MANY);
      expect(turns).toBeGreaterThanOrEqual(2);
    } finally {
      await store.close();
      await database.drop();
    }
  });
});
