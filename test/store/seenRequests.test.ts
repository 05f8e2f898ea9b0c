import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import { createTestDatabases } from './databases.js';

const databases = await createTestDatabases();
afterAll(async () => {
  await Promise.all(databases.map((d) => d.drop()));
});

const t0 = new Date('2025-06-01T08:00:00.000Z');
const ms = (n: number): Date => new Date(t0.getTime() + n);
const FIVE_MINUTES = 5 * 60 * 1000;

describe.each(databases)('seen request signatures on $name', (database) => {
  let store: Store;
  let other: Store;
  beforeAll(async () => {
    // Two stores on one database stand for two instances behind a load balancer.
    store = await openStore(database.url);
    other = await openStore(database.url);
  });
  afterAll(async () => {
    await store.close();
    await other.close();
  });

  const signature = (): string => `v0=${randomUUID()}`;

  it('a signature is new once; seen again before it expires, on any instance, it is not', async () => {
    const sig = signature();
    expect(await store.seenRequests.firstSighting(sig, t0, ms(FIVE_MINUTES))).toBe(true);
    expect(await store.seenRequests.firstSighting(sig, ms(7_000), ms(7_000 + FIVE_MINUTES))).toBe(false);
    expect(await other.seenRequests.firstSighting(sig, ms(60_000), ms(60_000 + FIVE_MINUTES))).toBe(false);
  });

  it('two instances noting the same signature at once: exactly one sees it first', async () => {
    const sig = signature();
    const results = await Promise.all([
      store.seenRequests.firstSighting(sig, t0, ms(FIVE_MINUTES)),
      other.seenRequests.firstSighting(sig, t0, ms(FIVE_MINUTES)),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('an expired note is taken over even before it is pruned', async () => {
    const sig = signature();
    await store.seenRequests.firstSighting(sig, t0, ms(1_000));
    expect(await other.seenRequests.firstSighting(sig, ms(1_000), ms(1_000 + FIVE_MINUTES))).toBe(true);
    expect(await store.seenRequests.firstSighting(sig, ms(2_000), ms(2_000 + FIVE_MINUTES))).toBe(false);
  });

  it('after it expires a signature is forgotten, and pruning removes only expired ones', async () => {
    const old = signature();
    const fresh = signature();
    await store.seenRequests.firstSighting(old, t0, ms(1_000));
    await store.seenRequests.firstSighting(fresh, t0, ms(FIVE_MINUTES));
    expect(await store.seenRequests.prune(ms(2_000))).toBeGreaterThanOrEqual(1);
    expect(await store.seenRequests.firstSighting(fresh, ms(3_000), ms(3_000 + FIVE_MINUTES))).toBe(false);
    expect(await store.seenRequests.firstSighting(old, ms(3_000), ms(3_000 + FIVE_MINUTES))).toBe(true);
  });
});
