/** Shared test fixtures: credentials, the demo PHLO, clients wired to a simulator, a free closed port. */
import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { expect } from 'vitest';
import { PhloClient, PhloError, type PhloClientOptions, type PhloRequestEvent } from '../../../src/plivo/index.js';
import type { SimulatedPhlo } from '../../../src/plivo/simulator/index.js';

export const AUTH_ID = 'MAZDQ1ZJIYMDY4ZDEXNZ';
export const AUTH_TOKEN = 'tok3n-that-must-never-be-logged';
export const BASIC = `Basic ${Buffer.from(`${AUTH_ID}:${AUTH_TOKEN}`).toString('base64')}`;
export const USER_AGENT = 'phlo-bot/0.0.0-test';

export const PHLO_ID = '4c1a9f23-7f56-4879-bb80-db856e1e7701';
export const NODE_ID = 'b4b48fc2-f47a-4a93-97c3-749ed9a40fa8';
export const DEMO_PHLO: SimulatedPhlo = {
  id: PHLO_ID,
  name: 'Support line',
  nodes: [{ id: NODE_ID, name: 'Support queue' }],
};

export const ALICE = '+14155550100'; // agent
export const CUSTOMER = '+14155551234';
export const BOB = 'sip:bob@phone.plivo.com'; // agent on a SIP endpoint
export const CAROL = '+14155550177'; // agent

/** For tests that wait for a timeout on purpose (with 'hang' or latency above it). */
export const SHORT_TIMEOUT_MS = 300;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const PHLO_TIMESTAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}\+00:00$/;

export interface TestClient {
  client: PhloClient;
  events: PhloRequestEvent[];
}

/**
 * A client with near-zero backoff, recording its onRequest events. The default timeout is generous so a
 * busy machine never turns a normal answer into a timeout; timeout tests pass a short one.
 */
export function makeClient(baseUrl: string, overrides: Partial<PhloClientOptions> = {}): TestClient {
  const events: PhloRequestEvent[] = [];
  const client = new PhloClient({
    baseUrl,
    authId: AUTH_ID,
    authToken: AUTH_TOKEN,
    timeoutMs: 2000,
    userAgent: USER_AGENT,
    retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 },
    onRequest: (event) => events.push(event),
    ...overrides,
  });
  return { client, events };
}

/** A port on loopback that nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => { resolve(); }));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * Awaits a rejection of the given class and checks what no PHLO error may ever show: the auth token,
 * or the Authorization header built from it, in its message or anywhere in its inspected form.
 */
export async function rejection<T extends PhloError>(promise: Promise<unknown>, type: abstract new (...args: never[]) => T): Promise<T> {
  const error: unknown = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(type);
  const typed = error as T;
  for (const text of [typed.message, inspect(typed, { depth: 6 }), JSON.stringify(typed)]) {
    expect(text).not.toContain(AUTH_TOKEN);
    expect(text).not.toContain(BASIC.slice('Basic '.length));
  }
  expect(typed.message).toMatch(/^[A-Z].*\.( \[.*\])?$/s);
  return typed;
}
