/**
 * The retry rule: GETs retry on network errors, timeouts, 429 and 5xx, at most `retries` times; an
 * action POST retries only when the request was never sent. Counted by what the simulator saw.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  PhloBadRequestError,
  PhloConnectionError,
  PhloInvalidResponseError,
  PhloNotFoundError,
  PhloRateLimitedError,
  PhloServerError,
  PhloTimeoutError,
  type PhloClient,
  type PhloRequestEvent,
} from '../../src/plivo/index.js';
import { startPhloSimulator, type PhloSimulator } from '../../src/plivo/simulator/index.js';
import {
  ALICE,
  AUTH_ID,
  AUTH_TOKEN,
  BOB,
  CUSTOMER,
  DEMO_PHLO,
  NODE_ID,
  PHLO_ID,
  SHORT_TIMEOUT_MS,
  closedPort,
  makeClient,
  rejection,
} from './support/fixtures.js';

let sim: PhloSimulator;
let client: PhloClient;
/** Same policy, short timeout: for the tests that wait for one on purpose. */
let quick: PhloClient;
let events: PhloRequestEvent[];

beforeAll(async () => {
  sim = await startPhloSimulator({ authId: AUTH_ID, authToken: AUTH_TOKEN, phlos: [DEMO_PHLO] });
  // retries: 2, baseDelayMs: 1, maxDelayMs: 5
  ({ client, events } = makeClient(sim.url));
  quick = makeClient(sim.url, { timeoutMs: SHORT_TIMEOUT_MS, onRequest: (event) => events.push(event) }).client;
});
afterEach(() => {
  sim.reset();
  events.length = 0;
});
afterAll(async () => {
  await client.close();
  await quick.close();
  await sim.close();
});

const statuses = (): PhloRequestEvent['status'][] => events.map((e) => e.status);
const attempts = (): number[] => events.map((e) => e.attempt);
const warmTransfer = (): Promise<unknown> =>
  client.updateMultiPartyCall(PHLO_ID, NODE_ID, { action: 'warm_transfer', to: BOB, role: 'agent', trigger_source: ALICE });

describe('GET', () => {
  it('is retried on 503 and then succeeds', async () => {
    sim.failNext({ status: 503 });
    await expect(client.getPhlo(PHLO_ID)).resolves.toMatchObject({ phloId: PHLO_ID });
    expect(sim.requests).toHaveLength(2);
    expect(statuses()).toStrictEqual([503, 200]);
    expect(attempts()).toStrictEqual([1, 2]);
  });

  it('gives up after retries + 1 attempts', async () => {
    sim.failNext({ status: 503 }, { times: 10 });
    const error = await rejection(client.getPhlo(PHLO_ID), PhloServerError);
    expect(error.attempts).toBe(3);
    expect(error.message).toContain('after 3 attempts');
    expect(sim.requests).toHaveLength(3);
    expect(attempts()).toStrictEqual([1, 2, 3]);
  });

  it('is retried on 500, a reset and a timeout', async () => {
    sim.failNext({ status: 500 });
    sim.failNext('reset');
    await expect(client.getMultiPartyCall(PHLO_ID, NODE_ID)).resolves.toMatchObject({ nodeId: NODE_ID });
    expect(statuses()).toStrictEqual([500, 'network_error', 200]);

    events.length = 0;
    sim.failNext('hang');
    await expect(quick.getPhlo(PHLO_ID)).resolves.toMatchObject({ phloId: PHLO_ID });
    expect(statuses()).toStrictEqual(['timeout', 200]);
  });

  it('gives up on timeouts with PhloTimeoutError', async () => {
    sim.failNext('hang', { times: 3 });
    const error = await rejection(quick.getPhlo(PHLO_ID), PhloTimeoutError);
    expect(error.attempts).toBe(3);
    expect(statuses()).toStrictEqual(['timeout', 'timeout', 'timeout']);
  });

  it('is retried on 429 without Retry-After, and with a Retry-After within maxDelayMs', async () => {
    sim.failNext({ status: 429 });
    sim.failNext({ status: 429, headers: { 'retry-after': '0' } });
    await expect(client.getPhlo(PHLO_ID)).resolves.toMatchObject({ phloId: PHLO_ID });
    expect(statuses()).toStrictEqual([429, 429, 200]);
  });

  it('is not retried on 429 when PHLO asks to wait longer than maxDelayMs', async () => {
    sim.failNext({ status: 429, headers: { 'retry-after': '120' } });
    const error = await rejection(client.getPhlo(PHLO_ID), PhloRateLimitedError);
    expect(error.retryAfterMs).toBe(120_000);
    expect(sim.requests).toHaveLength(1);
  });

  it('is not retried on 4xx or an unreadable body', async () => {
    await rejection(client.getPhlo('unknown'), PhloNotFoundError);
    sim.failNext({ status: 400, body: { api_id: 'x', error: 'bad' } });
    await rejection(client.getPhlo(PHLO_ID), PhloBadRequestError);
    sim.failNext('garbage');
    await rejection(client.getPhlo(PHLO_ID), PhloInvalidResponseError);
    expect(sim.requests).toHaveLength(3);
  });

  it('is not retried when retries is 0', async () => {
    const { client: once } = makeClient(sim.url, { retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 5 } });
    try {
      sim.failNext({ status: 503 });
      await rejection(once.getPhlo(PHLO_ID), PhloServerError);
      expect(sim.requests).toHaveLength(1);
    } finally {
      await once.close();
    }
  });
});

describe('action POST', () => {
  it('is not retried on 503: a duplicate transfer would dial someone twice', async () => {
    sim.failNext({ status: 503 });
    const error = await rejection(warmTransfer(), PhloServerError);
    expect(error).toMatchObject({ attempts: 1, outcomeKnown: false });
    expect(sim.requests).toHaveLength(1);
    expect(statuses()).toStrictEqual([503]);
  });

  it('is not retried on a reset after sending', async () => {
    sim.failNext('reset');
    const error = await rejection(client.updateMember(PHLO_ID, NODE_ID, CUSTOMER, 'hangup'), PhloConnectionError);
    expect(error).toMatchObject({ sent: true, outcomeKnown: false, attempts: 1 });
    expect(sim.requests).toHaveLength(1);
  });

  it('is not retried on a timeout', async () => {
    sim.failNext('hang');
    await rejection(quick.runPhlo(PHLO_ID, { to: CUSTOMER }), PhloTimeoutError);
    expect(sim.requests).toHaveLength(1);
  });

  it('is not retried on 429', async () => {
    sim.failNext({ status: 429, headers: { 'retry-after': '0' } });
    await rejection(warmTransfer(), PhloRateLimitedError);
    expect(sim.requests).toHaveLength(1);
  });

  it('is retried when the connection was refused (never sent), then fails with sent=false', async () => {
    const port = await closedPort();
    const { client: refused, events: refusedEvents } = makeClient(`http://127.0.0.1:${port}/v1`);
    try {
      const error = await rejection(
        refused.updateMultiPartyCall(PHLO_ID, NODE_ID, { action: 'cold_transfer', to: BOB, role: 'agent', trigger_source: ALICE }),
        PhloConnectionError,
      );
      expect(error).toMatchObject({ sent: false, outcomeKnown: true, attempts: 3, errorCode: 'ECONNREFUSED' });
      expect(refusedEvents.map((e) => [e.operation, e.method, e.status, e.attempt])).toStrictEqual([
        ['cold_transfer', 'POST', 'network_error', 1],
        ['cold_transfer', 'POST', 'network_error', 2],
        ['cold_transfer', 'POST', 'network_error', 3],
      ]);
    } finally {
      await refused.close();
    }
  });
});

describe('onRequest', () => {
  it('a throwing listener does not fail the call or cause a retry', async () => {
    const { client: noisy } = makeClient(sim.url, {
      onRequest: () => {
        throw new Error('metrics broke');
      },
    });
    try {
      await expect(noisy.getPhlo(PHLO_ID)).resolves.toMatchObject({ phloId: PHLO_ID });
      expect(sim.requests).toHaveLength(1);
    } finally {
      await noisy.close();
    }
  });

  it("reports each attempt with its own status and a duration that includes PHLO's wait", async () => {
    // A lower bound only: the simulator cannot answer sooner than its latency, however busy the machine.
    sim.setLatency(60);
    try {
      sim.failNext({ status: 502 });
      await client.getPhlo(PHLO_ID);
    } finally {
      sim.setLatency(0);
    }
    expect(events.map((e) => e.status)).toEqual([502, 200]);
    for (const event of events) expect(event.durationMs).toBeGreaterThanOrEqual(55);
  });
});
