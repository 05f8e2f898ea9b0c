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
const HOUR = 60 * 60 * 1000;

describe.each(databases)('Slack deliveries taken on, on $name', (database) => {
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

  const key = (): string => `event:Ev${randomUUID()}`;

  it('a delivery is taken on once; delivered again before it expires, on any instance, it is not', async () => {
    const event = key();
    expect(await store.deliveries.claim([event], t0, ms(HOUR))).toBe(true);
    expect(await store.deliveries.claim([event], ms(60_000), ms(60_000 + HOUR))).toBe(false);
    expect(await other.deliveries.claim([event], ms(300_000), ms(300_000 + HOUR))).toBe(false);
  });

  it('two instances taking the same delivery at once: exactly one gets it', async () => {
    const keys = [key(), `step:Fx${randomUUID()}`];
    const results = await Promise.all([store.deliveries.claim(keys, t0, ms(HOUR)), other.deliveries.claim(keys, t0, ms(HOUR))]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('a delivery naming a step run already taken on under another event is not taken on', async () => {
    const step = `step:Fx${randomUUID()}`;
    expect(await store.deliveries.claim([key(), step], t0, ms(HOUR))).toBe(true);
    expect(await store.deliveries.claim([key(), step], ms(1_000), ms(1_000 + HOUR))).toBe(false);
  });

  it('an expired delivery can be taken on again, and pruning forgets it', async () => {
    const event = key();
    expect(await store.deliveries.claim([event], t0, ms(HOUR))).toBe(true);
    expect(await store.deliveries.claim([event], ms(HOUR), ms(2 * HOUR))).toBe(true);
    expect(await store.deliveries.prune(ms(2 * HOUR))).toBeGreaterThanOrEqual(1);
    expect(await store.deliveries.claim([event], ms(2 * HOUR), ms(3 * HOUR))).toBe(true);
  });
});
