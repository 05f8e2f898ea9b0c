// A `/phlo` that opens a form must open it within the three seconds its trigger lasts, however many
// acknowledged actions wait for PHLO. Here PHLO is slow and allows 5 requests at once, and 60 holds
// wait in line when a bare `/phlo` arrives: its form opens before PHLO has even answered the first round.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_YAML, startHarness, USERS, type Harness } from './harness.js';

const HOLDS = 60;
const PHLO_AT_ONCE = 5;
const PHLO_LATENCY_MS = 500;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    // Off: one person's 60 holds would otherwise be mostly refused, which is not what this tests.
    configYaml: `${CONFIG_YAML}\nrate_limit: off\n`,
    env: { PHLO_MAX_CONCURRENCY: String(PHLO_AT_ONCE) },
    phloTimeoutMs: 10_000,
    dedupWindowMs: 0,
  });
});
afterAll(async () => {
  await h.stop();
});

describe('a command that opens a form, behind a burst of actions waiting for PHLO', () => {
  it('opens its form at once; the actions ahead of it still all finish after', async () => {
    h.phlo.setLatency(PHLO_LATENCY_MS);
    const holds = Array.from({ length: HOLDS }, (_, i) => `hold +1415559${String(i).padStart(4, '0')}`);
    const acks = await Promise.all(holds.map((text) => h.command(text, { user: USERS.alice })));
    expect(acks.every((a) => a.status === 200)).toBe(true);

    expect((await h.command('', { user: USERS.bob })).status).toBe(200);
    await h.slack.waitForCall('views.open');
    // PHLO takes 5 at a time and answers each round in 500 ms: nearly all of the line is still waiting.
    expect(h.phlo.requests.length).toBeLessThanOrEqual(2 * PHLO_AT_ONCE);

    await expect.poll(() => h.phlo.requests.length, { timeout: 30_000, interval: 200 }).toBe(HOLDS);
  });
});
