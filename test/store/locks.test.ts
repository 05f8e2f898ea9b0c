import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import { createTestDatabases } from './databases.js';

const databases = await createTestDatabases();
afterAll(async () => {
  await Promise.all(databases.map((d) => d.drop()));
});

/** A promise and the function that settles it, to hold a lock for exactly as long as a test wants. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe.each(databases)('locks on $name', (database) => {
  let store: Store;
  let other: Store;
  beforeAll(async () => {
    store = await openStore(database.url);
    // On SQLite one process uses the file, so "another instance" is only meaningful on PostgreSQL.
    other = database.name === 'postgres' ? await openStore(database.url) : store;
  });
  afterAll(async () => {
    await store.close();
    if (other !== store) await other.close();
  });

  it('holders of one key take turns, on one instance and across instances; other keys run meanwhile', async () => {
    const key = `call-${randomUUID()}`;
    const events: string[] = [];
    const first = gate();
    const inside = gate();
    const holding = store.locks.withLock(key, async () => {
      events.push('first in');
      inside.open();
      await first.opened;
      events.push('first out');
    });
    await inside.opened;
    const queued = [store, other].map((s, i) =>
      s.locks.withLock(key, () => {
        events.push(`waiter ${i} in`);
        return Promise.resolve();
      }),
    );
    await store.locks.withLock(`other-${key}`, () => {
      events.push('other key');
      return Promise.resolve();
    });
    first.open();
    await Promise.all([holding, ...queued]);
    expect(events.indexOf('other key')).toBeLessThan(events.indexOf('first out'));
    expect(events.indexOf('first out')).toBeLessThan(events.indexOf('waiter 0 in'));
    expect(events.indexOf('first out')).toBeLessThan(events.indexOf('waiter 1 in'));
  });

  it('a task that fails releases the lock for the next one', async () => {
    const key = `call-${randomUUID()}`;
    await expect(store.locks.withLock(key, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(other.locks.withLock(key, () => Promise.resolve('next'))).resolves.toBe('next');
  });
});

// A SQLite file serves one process, where the in-process queue never times out; the wait bound is PostgreSQL's.
describe('a lock held too long on postgres', () => {
  const database = databases.find((d) => d.name === 'postgres');
  let store: Store;
  let other: Store;
  beforeAll(async () => {
    if (database === undefined) throw new Error('no PostgreSQL test database');
    store = await openStore(database.url);
    other = await openStore(database.url);
  });
  afterAll(async () => {
    await store.close();
    await other.close();
  });

  it('a wait that runs out fails with STORE_LOCK_TIMEOUT and never runs the task unlocked', async () => {
    const key = `call-${randomUUID()}`;
    const held = gate();
    const inside = gate();
    const holding = store.locks.withLock(key, () => {
      inside.open();
      return held.opened;
    });
    await inside.opened;
    let ran = false;
    await expect(
      other.locks.withLock(
        key,
        () => {
          ran = true;
          return Promise.resolve();
        },
        300,
      ),
    ).rejects.toMatchObject({ code: 'STORE_LOCK_TIMEOUT', key });
    expect(ran).toBe(false);
    held.open();
    await holding;
    // Released: the next one goes straight in.
    await expect(other.locks.withLock(key, () => Promise.resolve('after'), 300)).resolves.toBe('after');
  });
});
