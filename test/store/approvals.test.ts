/**
 * Requests that wait for approval: decided once whoever decides (two stores on one database stand
 * for two instances), expired once by whoever sweeps, and never decided after their deadline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import { createTestDatabases } from './databases.js';

const databases = await createTestDatabases();
afterAll(async () => {
  await Promise.all(databases.map((d) => d.drop()));
});

const t0 = new Date('2025-06-01T08:00:00.000Z');
const ms = (n: number): Date => new Date(t0.getTime() + n);
const TEAM = 'T0APPROVALS';

describe.each(databases)('approval requests on $name', (database) => {
  let store: Store;
  let other: Store;
  beforeAll(async () => {
    store = await openStore(database.url);
    other = await openStore(database.url);
  });
  afterAll(async () => {
    await store.close();
    await other.close();
  });

  const request = (expiresInMs: number, teamId = TEAM) =>
    store.actions.recordRequest({
      teamId,
      channelId: 'C0SUPPORT',
      userId: 'U0ALICE',
      action: 'hangup',
      phloId: 'phlo-1',
      nodeId: 'node-1',
      member: '+14155551234',
      params: { member: '+14155551234' },
      reason: 'abusive caller',
      input: { member: '+1 415 555 1234' },
      expiresAt: ms(expiresInMs),
      createdAt: t0,
    });

  it('is recorded awaiting approval, with its reason, input and deadline', async () => {
    const row = await request(60_000);
    expect(row).toMatchObject({
      outcome: 'awaiting_approval',
      reason: 'abusive caller',
      input: { member: '+1 415 555 1234' },
      expiresAt: ms(60_000),
    });
    await store.actions.attachRequestMessage(row.id, '111.000', '111.222');
    expect(await store.actions.get(row.id)).toMatchObject({ threadTs: '111.000', requestTs: '111.222' });
  });

  it('two deciders at once on two instances: exactly one decides, the other sees who did', async () => {
    const row = await request(60_000);
    const results = await Promise.all([
      store.actions.decide({ id: row.id, outcome: 'approved', by: 'U0BOB', at: ms(1000) }),
      other.actions.decide({ id: row.id, outcome: 'rejected', by: 'U0LEE', at: ms(1000) }),
    ]);
    expect(results.filter((r) => r.decided)).toHaveLength(1);
    const loser = results.find((r) => !r.decided);
    const winner = results.find((r) => r.decided);
    expect(loser?.request).toMatchObject({ outcome: winner?.request.outcome, decidedBy: winner?.request.decidedBy, decidedAt: ms(1000) });
  });

  it('is not decided after its deadline, and is expired once whoever sweeps', async () => {
    const row = await request(60_000);
    expect(await store.actions.decide({ id: row.id, outcome: 'approved', by: 'U0BOB', at: ms(60_000) })).toMatchObject({
      decided: false,
      request: { outcome: 'awaiting_approval' },
    });
    const sweeps = await Promise.all([store.actions.expireRequests(ms(60_000)), other.actions.expireRequests(ms(60_000))]);
    expect(sweeps.flat().filter((r) => r.id === row.id)).toEqual([expect.objectContaining({ outcome: 'expired', completedAt: ms(60_000) })]);
    expect(await store.actions.expireRequests(ms(120_000))).not.toContainEqual(expect.objectContaining({ id: row.id }));
  });

  it('lists what waits in a workspace, soonest deadline first', async () => {
    const team = `T0WAIT${database.name.toUpperCase()}`;
    const later = await request(90_000, team);
    const sooner = await request(30_000, team);
    const decided = await request(10_000, team);
    await store.actions.decide({ id: decided.id, outcome: 'rejected', by: 'U0BOB', at: ms(1) });
    expect((await store.actions.awaiting({ teamId: team, limit: 10 })).map((r) => r.id)).toEqual([sooner.id, later.id]);
  });
});
