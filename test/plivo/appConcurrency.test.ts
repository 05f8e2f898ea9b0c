/**
 * The cap on PHLO requests, through the real app: with PHLO_MAX_CONCURRENCY=2 and a slow PHLO, six
 * /phlo call commands sent at once reach PHLO at most two at a time, every one is done and answered
 * in its call's thread, and /metrics shows the line they waited in.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { messageText, startHarness, USERS, type Harness } from '../e2e/harness.js';
import { startCountingFront, type CountingFront } from './support/countingFront.js';

let h: Harness;
let front: CountingFront;

beforeAll(async () => {
  front = await startCountingFront();
  h = await startHarness({ metrics: true, env: { PHLO_API_URL: front.url, PHLO_MAX_CONCURRENCY: '2' } });
  front.forwardTo(h.phlo.url);
});
afterAll(async () => {
  await h.stop();
  await front.close();
});

/** The value of an unlabelled sample in Prometheus text. */
function sample(text: string, name: string): number {
  const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  if (match?.[1] === undefined) throw new Error(`${name} is not in /metrics`);
  return Number(match[1]);
}

it('six actions at once with room for two: PHLO sees two at a time, all six are done, /metrics shows the line', async () => {
  // Slow enough that all six reach the client while the first two are still at PHLO.
  h.phlo.setLatency(500);
  const numbers = [1, 2, 3, 4, 5, 6].map((n) => `+1415555030${String(n)}`);

  const acks = await Promise.all(numbers.map((to) => h.command(`call ${to}`, { user: USERS.bob })));
  expect(acks.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
  for (const to of numbers) await h.waitForReply((c) => messageText(c).includes(to));

  expect(front.maxOpen).toBe(2);
  expect(h.phlo.requests.filter((r) => r.method === 'POST')).toHaveLength(6);
  const metrics = await (await fetch(`${h.metricsUrl ?? ''}/metrics`)).text();
  expect(metrics).toMatch(/phlo_bot_actions_total\{verb="call",outcome="ok"\} 6/);
  expect(sample(metrics, 'phlo_request_queue_seconds_count')).toBe(6);
  expect(sample(metrics, 'phlo_request_queue_seconds_sum')).toBeGreaterThan(0);
  expect(sample(metrics, 'phlo_requests_in_flight')).toBe(0);
  expect(sample(metrics, 'phlo_requests_queued')).toBe(0);
});
