import { Writable } from 'node:stream';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { DAY_MS, startRetention } from '../../src/retention.js';
import { openStore, type Store } from '../../src/store/index.js';
import { createTestDatabases } from '../store/databases.js';

function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(
    'info',
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    }),
  );
  return { logger, lines };
}

const now = new Date('2025-06-01T12:00:00.000Z');
const daysAgo = (d: number, extraMs = 0): Date => new Date(now.getTime() - d * DAY_MS - extraMs);

const databases = await createTestDatabases();
afterAll(async () => {
  await Promise.all(databases.map((d) => d.drop()));
});

describe.each(databases)('retention on $name', (database) => {
  let store: Store;
  afterEach(async () => {
    await store.close();
  });

  it('deletes actions older than history_retention_days and keeps the rest', async () => {
    store = await openStore(database.url);
    const base = { teamId: 'T1', channelId: 'C1', userId: 'U1', action: 'hold', params: {}, outcome: 'denied' as const };
    for (const [i, createdAt] of [daysAgo(400), daysAgo(30, 1), daysAgo(30, -1000), daysAgo(1)].entries()) {
      await store.actions.recordFinal({ ...base, member: `m${i}`, createdAt });
    }
    const { logger, lines } = capturedLogger();
    // Far in the future: this test runs the prune itself.
    const retention = startRetention({ store, logger, days: 30, now: () => now, firstRunDelayMs: DAY_MS });
    expect(await retention.runOnce()).toBe(2);
    await retention.stop();
    const left = await store.actions.history({ teamId: 'T1', channelId: 'C1', limit: 10 });
    expect(left.map((r) => r.member)).toEqual(['m3', 'm2']);
    logger.flush();
    await vi.waitFor(() => { expect(lines.some((l) => l.msg === 'history pruned' && l.deleted === 2)).toBe(true); });
  });
});

describe('the daily timer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('prunes at start and then daily until stopped', async () => {
    vi.useFakeTimers();
    const prune = vi.fn((_olderThan: Date) => Promise.resolve(0));
    const { logger } = capturedLogger();
    let clock = now;
    const retention = startRetention({ store: { actions: { prune } } as never, logger, days: 365, now: () => clock });
    await vi.advanceTimersByTimeAsync(0);
    expect(prune.mock.calls.map(([cutoff]) => cutoff)).toEqual([daysAgo(365)]);
    clock = new Date(now.getTime() + DAY_MS);
    await vi.advanceTimersByTimeAsync(DAY_MS);
    expect(prune).toHaveBeenCalledTimes(2);
    expect(prune.mock.calls[1]?.[0]).toEqual(daysAgo(364));
    await retention.stop();
    await vi.advanceTimersByTimeAsync(3 * DAY_MS);
    expect(prune).toHaveBeenCalledTimes(2);
  });

  it('a failed prune is logged and tried again the next day', async () => {
    vi.useFakeTimers();
    const prune = vi.fn(() => Promise.resolve(3)).mockRejectedValueOnce(new Error('database is locked'));
    const { logger, lines } = capturedLogger();
    const retention = startRetention({ store: { actions: { prune } } as never, logger, days: 7, now: () => now });
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(DAY_MS);
    expect(prune).toHaveBeenCalledTimes(2);
    await retention.stop();
    logger.flush();
    vi.useRealTimers();
    await vi.waitFor(() => {
      expect(lines.find((l) => l.msg === 'history prune failed; will try again at the next run')).toBeDefined();
      expect(lines.find((l) => l.msg === 'history pruned')).toMatchObject({ deleted: 3, retentionDays: 7 });
    });
  });

  it('stop() waits for a prune in progress, so the store can be closed after it', async () => {
    let finish: (n: number) => void = () => undefined;
    const prune = vi.fn(() => new Promise<number>((resolve) => (finish = resolve)));
    const { logger } = capturedLogger();
    const retention = startRetention({ store: { actions: { prune } } as never, logger, days: 7, now: () => now });
    await vi.waitFor(() => { expect(prune).toHaveBeenCalledTimes(1); });
    let stopped = false;
    const stopping = retention.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    finish(0);
    await stopping;
    expect(stopped).toBe(true);
  });
});
