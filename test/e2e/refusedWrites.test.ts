/**
 * The database answers reads but refuses writes while PHLO acts: what PHLO did still reaches the
 * history once the database takes writes again, and /healthz says the store cannot write meanwhile
 * (and is ok again after), so a load balancer looks elsewhere.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, execSql, setReadOnly, type TestDatabase } from '../store/databases.js';
import { mountSmallDisk, type SmallDisk } from '../store/smallDisk.js';
import { NODE_ID, PHLO_ID, startHarness, USERS, type Harness } from './harness.js';

async function health(h: Harness): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${h.baseUrl}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A sample's value in /metrics, 0 when it is not there. */
async function metric(h: Harness, sample: string): Promise<number> {
  const text = await (await fetch(`${h.metricsUrl ?? ''}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
  return line === undefined ? 0 : Number(line.slice(sample.length + 1));
}

describe('on PostgreSQL switched to read-only while PHLO carries out ten cold transfers', () => {
  let db: TestDatabase;
  let h: Harness;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    h = await startHarness({ databaseUrl: db.url, metrics: true, phloTimeoutMs: 10_000 });
  });
  afterAll(async () => {
    await setReadOnly(db.url, false);
    await h.stop();
    await db.drop();
  });

  it('holds the ten outcomes, says the store cannot write, and writes them once the database takes writes again', async () => {
    expect((await health(h)).status).toBe(200);
    const members = Array.from({ length: 10 }, (_, i) => `+1415555${String(3100 + i)}`);
    // Long enough for the database to turn read-only between PHLO getting the requests and answering.
    h.phlo.setLatency(3000);
    for (const member of members) await h.command(`transfer cold ${member}`, { user: USERS.bob });
    // PHLO has every request, so every intent is on record; now the outcomes' writes will be refused.
    await expect.poll(() => h.phlo.requests.length, { timeout: 10_000 }).toBe(10);
    await setReadOnly(db.url, true);

    await expect.poll(() => metric(h, 'phlo_bot_outcomes_held'), { timeout: 20_000 }).toBe(10);
    const refusing = await health(h);
    expect(refusing.status).toBe(503);
    expect(refusing.body).toMatchObject({ status: 'store cannot write', reason: expect.stringMatching(/read-only transaction/) as unknown });
    const pending = await execSql(db.url, "SELECT member, outcome FROM actions WHERE action = 'cold_transfer'");
    expect(pending.map((row) => row['outcome'])).toEqual(Array.from({ length: 10 }, () => 'pending'));
    // PHLO carried them out: every one dialled, once.
    const dialled = h.phlo.members(PHLO_ID, NODE_ID).map((member) => member.address);
    expect(dialled).toEqual(expect.arrayContaining(members));

    await setReadOnly(db.url, false);
    await expect
      .poll(async () => (await execSql(db.url, "SELECT outcome FROM actions WHERE action = 'cold_transfer' AND outcome = 'ok'")).length, { timeout: 30_000 })
      .toBe(10);
    await expect.poll(async () => (await health(h)).status, { timeout: 10_000 }).toBe(200);
    expect(await metric(h, 'phlo_bot_outcomes_held')).toBe(0);
    expect(await metric(h, 'phlo_bot_held_outcome_writes_total{result="written"}')).toBe(10);
    const rows = await execSql(db.url, "SELECT member, http_status, completed_at FROM actions WHERE action = 'cold_transfer' ORDER BY member");
    expect(rows.map((row) => row['member'])).toEqual(members);
    expect(rows.every((row) => Number(row['http_status']) === 201 && row['completed_at'] !== null)).toBe(true);
    expect(h.phlo.requests).toHaveLength(10);
  });
});

describe('stopping while outcomes are held', () => {
  let db: TestDatabase;
  let h: Harness;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    h = await startHarness({ databaseUrl: db.url, phloTimeoutMs: 10_000 });
  });
  afterAll(async () => {
    await setReadOnly(db.url, false);
    await h.stop();
    await db.drop();
  });

  it('writes them once more on the way out, though their next try in the background is seconds away', async () => {
    h.phlo.setLatency(2000);
    const members = ['+14155553201', '+14155553202', '+14155553203'];
    for (const member of members) await h.command(`transfer cold ${member}`, { user: USERS.bob });
    await expect.poll(() => h.phlo.requests.length, { timeout: 10_000 }).toBe(3);
    await setReadOnly(db.url, true);
    // Refused after 1, 2 and 4 s of pauses: the next try waits 8 s.
    const refusals = () => h.logs.filter((l) => l['msg'] === 'held outcome still refused; trying again later').length;
    await expect.poll(refusals, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    expect(h.app.store.heldOutcomes.size).toBe(3);

    await setReadOnly(db.url, false);
    await h.app.stop();
    expect(h.app.store.heldOutcomes.size).toBe(0);
    const rows = await execSql(db.url, "SELECT outcome FROM actions WHERE action = 'cold_transfer'");
    expect(rows.map((row) => row['outcome'])).toEqual(['ok', 'ok', 'ok']);
    expect(h.logs.filter((l) => l['msg'] === 'held outcome written')).toHaveLength(3);
  });
});

describe('on a SQLite file whose disk fills up', () => {
  let disk: SmallDisk;
  let h: Harness;
  beforeAll(async () => {
    disk = mountSmallDisk(16);
    h = await startHarness({ databaseUrl: `sqlite:${disk.dir}/phlo-bot.db` });
  });
  afterEach(() => {
    disk.free();
  });
  afterAll(async () => {
    await h.stop();
    disk.unmount();
  });

  it('/healthz answers 503 with SQLite\'s reason once writes fail, and 200 again once the disk has room', async () => {
    expect((await health(h)).status).toBe(200);
    disk.fill();
    // Actions go on while the WAL has room left from before; then their records fail.
    let n = 0;
    let last = await health(h);
    await expect
      .poll(
        async () => {
          n += 1;
          await h.command(`call +1415555${String(4000 + n)}`, { user: USERS.bob });
          last = await health(h);
          return last.status;
        },
        { timeout: 30_000, interval: 200 },
      )
      .toBe(503);
    expect(last.body).toMatchObject({ status: 'store cannot write', reason: expect.stringMatching(/full/) as unknown });

    disk.free();
    await expect.poll(async () => (await health(h)).status, { timeout: 10_000 }).toBe(200);
  });
});
