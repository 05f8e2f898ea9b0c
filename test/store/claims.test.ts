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
const TTL = 30_000;
const WINDOW = 5_000;

describe.each(databases)('claims on $name', (database) => {
  let store: Store;
  let other: Store;
  beforeAll(async () => {
    // Two stores on one database stand for two app instances behind a load balancer.
    store = await openStore(database.url);
    other = await openStore(database.url);
  });
  afterAll(async () => {
    await store.close();
    await other.close();
  });

  const key = () => `hold|phlo-1|node-1|m-${randomUUID()}|{}`;

  it('refuses a second claim while the first is in flight, naming the first', async () => {
    const dedupKey = key();
    expect(await store.actions.claim({ dedupKey, actionId: 'first', at: t0, inFlightTtlMs: TTL })).toEqual({ claimed: true });
    expect(await store.actions.claim({ dedupKey, actionId: 'second', at: ms(100), inFlightTtlMs: TTL })).toEqual({
      claimed: false,
      heldBy: 'first',
    });
    // Another instance sees the same claim.
    expect(await other.actions.claim({ dedupKey, actionId: 'third', at: ms(200), inFlightTtlMs: TTL })).toEqual({
      claimed: false,
      heldBy: 'first',
    });
    // A different key is independent.
    expect(await store.actions.claim({ dedupKey: key(), actionId: 'second', at: ms(100), inFlightTtlMs: TTL })).toEqual({
      claimed: true,
    });
  });

  it('claiming again a key one already holds succeeds', async () => {
    const dedupKey = key();
    await store.actions.claim({ dedupKey, actionId: 'same', at: t0, inFlightTtlMs: TTL });
    expect(await store.actions.claim({ dedupKey, actionId: 'same', at: ms(1), inFlightTtlMs: TTL })).toEqual({ claimed: true });
  });

  it('after release the key stays held for the window, then is free', async () => {
    const dedupKey = key();
    await store.actions.claim({ dedupKey, actionId: 'first', at: t0, inFlightTtlMs: TTL });
    await store.actions.release({ dedupKey, actionId: 'first', at: ms(1_000), windowMs: WINDOW });

    expect(await other.actions.claim({ dedupKey, actionId: 'early', at: ms(1_000 + WINDOW - 1), inFlightTtlMs: TTL })).toEqual({
      claimed: false,
      heldBy: 'first',
    });
    expect(await other.actions.claim({ dedupKey, actionId: 'later', at: ms(1_000 + WINDOW), inFlightTtlMs: TTL })).toEqual({
      claimed: true,
    });
    expect(await store.actions.claim({ dedupKey, actionId: 'after', at: ms(1_000 + WINDOW + 1), inFlightTtlMs: TTL })).toEqual({
      claimed: false,
      heldBy: 'later',
    });
  });

  it('an in-flight claim that is never released expires after its TTL', async () => {
    const dedupKey = key();
    await store.actions.claim({ dedupKey, actionId: 'crashed', at: t0, inFlightTtlMs: TTL });
    expect(await other.actions.claim({ dedupKey, actionId: 'waiting', at: ms(TTL - 1), inFlightTtlMs: TTL })).toEqual({
      claimed: false,
      heldBy: 'crashed',
    });
    expect(await other.actions.claim({ dedupKey, actionId: 'next', at: ms(TTL), inFlightTtlMs: TTL })).toEqual({ claimed: true });
  });

  it('release by an action that no longer holds the key changes nothing', async () => {
    const dedupKey = key();
    await store.actions.claim({ dedupKey, actionId: 'old', at: t0, inFlightTtlMs: 1_000 });
    await other.actions.claim({ dedupKey, actionId: 'new', at: ms(2_000), inFlightTtlMs: TTL });
    // The old action finally completes: its release must not shorten the new holder's claim.
    await store.actions.release({ dedupKey, actionId: 'old', at: ms(2_500), windowMs: 0 });
    expect(await store.actions.claim({ dedupKey, actionId: 'probe', at: ms(3_000), inFlightTtlMs: TTL })).toEqual({
      claimed: false,
      heldBy: 'new',
    });
    // Nor does a release of a key nobody claimed create one.
    const unclaimed = key();
    await store.actions.release({ dedupKey: unclaimed, actionId: 'ghost', at: t0, windowMs: WINDOW });
    expect(await store.actions.claim({ dedupKey: unclaimed, actionId: 'real', at: t0, inFlightTtlMs: TTL })).toEqual({ claimed: true });
  });

  it('20 concurrent claims from two instances on the same key have exactly one winner', async () => {
    for (let round = 0; round < 5; round++) {
      const dedupKey = key();
      const attempts = Array.from({ length: 20 }, (_, i) => ({ actionId: `action-${round}-${i}`, via: i % 2 === 0 ? store : other }));
      const results = await Promise.all(
        attempts.map(({ actionId, via }) => via.actions.claim({ dedupKey, actionId, at: ms(round), inFlightTtlMs: TTL })),
      );
      const winners = attempts.filter((_, i) => results[i]?.claimed === true);
      expect(winners).toHaveLength(1);
      const winner = winners[0]?.actionId;
      for (const [i, result] of results.entries()) {
        if (attempts[i]?.actionId !== winner) expect(result).toEqual({ claimed: false, heldBy: winner });
      }
    }
  });

  it('concurrent claims on an expired key also have exactly one winner', async () => {
    const dedupKey = key();
    await store.actions.claim({ dedupKey, actionId: 'expired', at: t0, inFlightTtlMs: 10 });
    const attempts = Array.from({ length: 20 }, (_, i) => ({ actionId: `taker-${i}`, via: i % 2 === 0 ? store : other }));
    const results = await Promise.all(
      attempts.map(({ actionId, via }) => via.actions.claim({ dedupKey, actionId, at: ms(1_000), inFlightTtlMs: TTL })),
    );
    expect(results.filter((r) => r.claimed)).toHaveLength(1);
  });
});
