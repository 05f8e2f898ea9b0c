/**
 * The cap on PHLO requests in flight: past it, requests wait in line and go in turn; the per-attempt
 * timeout starts when a request leaves the line; and a request that waits too long gives up unsent.
 * Concurrency is counted on PHLO's side of the wire, by a pass-through in front of the simulator.
 */
import { phloFailure } from '../../src/text/replies.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PhloClientConfigError, PhloConnectionError, type PhloClient } from '../../src/plivo/index.js';
import { startPhloSimulator, type PhloSimulator } from '../../src/plivo/simulator/index.js';
import { startCountingFront, type CountingFront } from './support/countingFront.js';
import { ALICE, AUTH_ID, AUTH_TOKEN, CUSTOMER, DEMO_PHLO, NODE_ID, PHLO_ID, makeClient, rejection } from './support/fixtures.js';

let sim: PhloSimulator;
let front: CountingFront | undefined;
const clients: PhloClient[] = [];

beforeAll(async () => {
  sim = await startPhloSimulator({ authId: AUTH_ID, authToken: AUTH_TOKEN, phlos: [DEMO_PHLO] });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await front?.close();
  front = undefined;
  sim.reset();
});
afterAll(async () => {
  await sim.close();
});

/** A client behind a fresh counting front, with the given cap and options; it records how long each attempt waited. */
async function cappedClient(maxConcurrency: number, overrides: Parameters<typeof makeClient>[1] = {}): Promise<{ client: PhloClient; waits: number[] }> {
  const started = await startCountingFront(sim.url);
  front = started;
  const waits: number[] = [];
  const { client } = makeClient(started.url, { maxConcurrency, onQueueWait: (ms) => waits.push(ms), ...overrides });
  clients.push(client);
  return { client, waits };
}

const newcomer = (n: number): string => `+1415555020${String(n)}`;
const addUser = (client: PhloClient, to: string) =>
  client.updateMultiPartyCall(PHLO_ID, NODE_ID, { action: 'call', to, role: 'agent', trigger_source: ALICE });

describe('PHLO requests in flight are capped', () => {
  it('six actions with room for two: PHLO works on at most two at once, and all six are done', async () => {
    const { client, waits } = await cappedClient(2);
    sim.setLatency(150);
    const calls = [1, 2, 3, 4, 5, 6].map((n) => addUser(client, newcomer(n)));
    expect(client.queueState).toEqual({ inFlight: 2, queued: 4 });

    const results = await Promise.all(calls);

    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(front?.maxOpen).toBe(2);
    expect(sim.members(PHLO_ID, NODE_ID).map((m) => m.address).sort()).toEqual([1, 2, 3, 4, 5, 6].map(newcomer));
    // Four waited for an answer to come back first: at least the simulator's 150 ms.
    expect(waits).toHaveLength(6);
    expect(waits.filter((ms) => ms >= 140)).toHaveLength(4);
    expect(client.queueState).toEqual({ inFlight: 0, queued: 0 });
  });

  it('the line is first come, first served', async () => {
    const { client } = await cappedClient(1);
    sim.setLatency(50);
    await Promise.all([1, 2, 3, 4].map((n) => addUser(client, newcomer(n))));
    expect(sim.requests.map((r) => (r.body as { to: string }).to)).toEqual([1, 2, 3, 4].map(newcomer));
  });

  it('the timeout starts when a request leaves the line, not while it waits', async () => {
    // Each answer takes 350 ms of a 600 ms timeout; the second waits 350 ms first, 700 ms in all.
    const { client, waits } = await cappedClient(1, { timeoutMs: 600, retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 5 } });
    sim.setLatency(350);
    const results = await Promise.all([addUser(client, newcomer(1)), addUser(client, newcomer(2))]);
    expect(results.map((r) => r.status)).toEqual([201, 201]);
    expect(Math.max(...waits)).toBeGreaterThanOrEqual(340);
  });

  it('a request that waits longer than maxQueueWaitMs gives up with nothing sent', async () => {
    const { client } = await cappedClient(1, { timeoutMs: 1000, maxQueueWaitMs: 100 });
    sim.failNext('hang');
    const first = addUser(client, newcomer(1)).catch((err: unknown) => err);
    const second = await rejection(client.updateMember(PHLO_ID, NODE_ID, CUSTOMER, 'hold'), PhloConnectionError);

    expect(second).toMatchObject({ sent: false, outcomeKnown: true, errorCode: 'QUEUE_TIMEOUT', attempts: 0 });
    // The history row says what happened: phlo-bot's own line was too long, PHLO was never tried.
    expect(second.message).toMatch(/^Did not ask PHLO to put a member on hold .*: it waited its turn behind the requests in flight longer than allowed \(QUEUE_TIMEOUT\); nothing was sent\.$/);
    expect(sim.requests.map((r) => r.path)).toEqual([`/v1/phlo/${PHLO_ID}/multi_party_call/${NODE_ID}`]);
    // And the person who asked reads that phlo-bot was too busy, not that PHLO could not be reached.
    expect(phloFailure(second, 1000)).toBe('phlo-bot had too many PHLO requests in flight to send this one in time, so nothing was sent. Try again in a moment.');
    await first;
  });

  it('refuses a cap below one', () => {
    expect(() => makeClient(sim.url, { maxConcurrency: 0 })).toThrow(PhloClientConfigError);
  });
});
