/**
 * How every PHLO failure reaches the caller: the error class, its code and context, and whether PHLO
 * may have acted. Retries are off here (retries: 0) so each test sees exactly one attempt.
 */
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { stringMatching } from '../support/matchers.js';
import {
  PhloBadRequestError,
  PhloClientConfigError,
  PhloConnectionError,
  PhloInvalidArgumentError,
  PhloInvalidResponseError,
  PhloMethodNotAllowedError,
  PhloNotFoundError,
  PhloRateLimitedError,
  PhloServerError,
  PhloTimeoutError,
  PhloUnauthorizedError,
  PhloUnexpectedStatusError,
  PhloUnreadableReplyError,
  type PhloClient,
  type PhloRequestEvent,
} from '../../src/plivo/index.js';
import { UNAUTHORIZED_TEXT, startPhloSimulator, type PhloSimulator } from '../../src/plivo/simulator/index.js';
import {
  ALICE,
  AUTH_ID,
  AUTH_TOKEN,
  BASIC,
  CUSTOMER,
  DEMO_PHLO,
  NODE_ID,
  PHLO_ID,
  SHORT_TIMEOUT_MS,
  USER_AGENT,
  UUID,
  closedPort,
  makeClient,
  rejection,
} from './support/fixtures.js';

let sim: PhloSimulator;
let client: PhloClient;
let quick: PhloClient;
let events: PhloRequestEvent[];

beforeAll(async () => {
  sim = await startPhloSimulator({ authId: AUTH_ID, authToken: AUTH_TOKEN, phlos: [DEMO_PHLO] });
  ({ client, events } = makeClient(sim.url, { retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 5 } }));
  // Shares `events`, so timeout tests can check what was reported.
  quick = makeClient(sim.url, {
    retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 5 },
    timeoutMs: SHORT_TIMEOUT_MS,
    onRequest: (event) => events.push(event),
  }).client;
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

const hold = (): Promise<unknown> => client.updateMember(PHLO_ID, NODE_ID, CUSTOMER, 'hold');
const getPhlo = (): Promise<unknown> => client.getPhlo(PHLO_ID);

describe('PHLO answers a failure status', () => {
  it('400: PhloBadRequestError with PHLO error text and api_id', async () => {
    const error = await rejection(
      client.updateMultiPartyCall(PHLO_ID, NODE_ID, { action: 'call', to: 'not-a-number', role: 'agent', trigger_source: ALICE }),
      PhloBadRequestError,
    );
    expect(error).toMatchObject({
      code: 'PHLO_BAD_REQUEST',
      name: 'PhloBadRequestError',
      operation: 'call',
      method: 'POST',
      path: `/v1/phlo/${PHLO_ID}/multi_party_call/${NODE_ID}`,
      status: 400,
      apiId: stringMatching(UUID),
      phloError: 'to "not-a-number" is not a phone number or SIP endpoint address',
      outcomeKnown: true,
      attempts: 1,
    });
    expect(error.message).toContain('not a phone number');
    expect(error.message).toContain('add a user to the multiparty call');
  });

  it('401: PhloUnauthorizedError for a wrong token, which the message never shows', async () => {
    const { client: wrong } = makeClient(sim.url, { authToken: 'wrong-token-123' });
    try {
      const error = await rejection(wrong.getPhlo(PHLO_ID), PhloUnauthorizedError);
      expect(error).toMatchObject({ code: 'PHLO_UNAUTHORIZED', status: 401, phloError: UNAUTHORIZED_TEXT, outcomeKnown: true });
      expect(error.message).not.toContain('wrong-token-123');
    } finally {
      await wrong.close();
    }
  });

  it('404: PhloNotFoundError with PHLO error text for an unknown PHLO', async () => {
    const error = await rejection(client.getPhlo('no-such-phlo'), PhloNotFoundError);
    expect(error).toMatchObject({ code: 'PHLO_NOT_FOUND', status: 404, phloError: 'PHLO no-such-phlo not found', outcomeKnown: true });
  });

  it('404: an unknown member on an action', async () => {
    const error = await rejection(hold(), PhloNotFoundError);
    expect(error).toMatchObject({ operation: 'hold', status: 404, outcomeKnown: true });
  });

  it('404 with {} still means not found', async () => {
    sim.failNext({ status: 404, body: {} });
    const error = await rejection(getPhlo(), PhloNotFoundError);
    expect(error.status).toBe(404);
    expect(error.apiId).toBeUndefined();
    expect(error.phloError).toBeUndefined();
  });

  it('404 with an empty body still means not found', async () => {
    sim.failNext({ status: 404, body: '' });
    const error = await rejection(getPhlo(), PhloNotFoundError);
    expect(error).toMatchObject({ status: 404, outcomeKnown: true });
  });

  it('404 with a non-JSON body still means not found', async () => {
    sim.failNext({ status: 404, body: '<h1>Not Found</h1>' });
    await rejection(getPhlo(), PhloNotFoundError);
  });

  it('405: PhloMethodNotAllowedError', async () => {
    sim.failNext({ status: 405, body: { api_id: 'a405', error: 'Method Not Allowed' } });
    const error = await rejection(getPhlo(), PhloMethodNotAllowedError);
    expect(error).toMatchObject({ code: 'PHLO_METHOD_NOT_ALLOWED', status: 405, apiId: 'a405', phloError: 'Method Not Allowed' });
  });

  it('429: PhloRateLimitedError carrying Retry-After', async () => {
    sim.failNext({ status: 429, body: { api_id: 'a429', error: 'too many requests' }, headers: { 'retry-after': '7' } });
    const error = await rejection(hold(), PhloRateLimitedError);
    expect(error).toMatchObject({ code: 'PHLO_RATE_LIMITED', status: 429, retryAfterMs: 7000, outcomeKnown: true });
  });

  it('500 on an action: PhloServerError, and PHLO may have acted', async () => {
    sim.failNext({ status: 500, body: { api_id: 'a500', error: 'internal error' } });
    const error = await rejection(hold(), PhloServerError);
    expect(error).toMatchObject({ code: 'PHLO_SERVER_ERROR', status: 500, apiId: 'a500', phloError: 'internal error', outcomeKnown: false });
    expect(error.message).toContain('may have acted');
  });

  it('503 on a GET: PhloServerError with a known outcome', async () => {
    sim.failNext({ status: 503, body: '' });
    const error = await rejection(getPhlo(), PhloServerError);
    expect(error).toMatchObject({ status: 503, outcomeKnown: true });
  });

  it('any other status: PhloUnexpectedStatusError', async () => {
    sim.failNext({ status: 418, body: { api_id: 'a418', error: "I'm a teapot" } });
    const error = await rejection(getPhlo(), PhloUnexpectedStatusError);
    expect(error).toMatchObject({ code: 'PHLO_UNEXPECTED_STATUS', status: 418, phloError: "I'm a teapot" });
    sim.failNext({ status: 302, body: '', headers: { location: 'https://example.com/' } });
    await rejection(getPhlo(), PhloUnexpectedStatusError);
  });
});

describe('PHLO answers 2xx with a body that cannot be read', () => {
  // PHLO answers JSON: an HTML page or text came from something else at PHLO_API_URL, so nobody
  // knows whether PHLO acted.
  it('not JSON at all on an action: PhloUnreadableReplyError, outcome not known', async () => {
    sim.failNext('garbage');
    const error = await rejection(hold(), PhloUnreadableReplyError);
    expect(error).toMatchObject({ code: 'PHLO_UNREADABLE_REPLY', status: 200, outcomeKnown: false, attempts: 1 });
    expect(error.message).toContain('PHLO_API_URL');
    sim.failNext({ status: 201, body: 'OK' });
    await rejection(hold(), PhloUnreadableReplyError);
  });

  // A 2xx that is JSON, or empty (a 204 has no body), means PHLO acted: done, with nothing more to say.
  // So does an object that does not quite parse: the vendor's own reference prints one.
  it('an object cut short on an action: done, no detail', async () => {
    sim.failNext({ status: 201, body: '{"api_id": "a-1", "error": "' });
    await expect(hold()).resolves.toStrictEqual({ status: 201 });
  });

  it('an empty body on an action: done, no detail', async () => {
    sim.failNext({ status: 204, body: '' });
    await expect(hold()).resolves.toStrictEqual({ status: 204 });
  });

  it('an empty body on a run: the run started, with no id to show', async () => {
    sim.failNext({ status: 201, body: '' });
    await expect(client.runPhlo(PHLO_ID, {})).resolves.toStrictEqual({ status: 201 });
  });

  it('JSON that is not an object on an action: done, no detail', async () => {
    sim.failNext({ status: 201, body: '["ok"]' });
    await expect(hold()).resolves.toStrictEqual({ status: 201 });
  });

  // A read is only worth its details: a GET whose body says nothing is an error, and changed nothing.
  it('non-JSON on a GET: PhloInvalidResponseError with a known outcome', async () => {
    sim.failNext('garbage');
    const error = await rejection(getPhlo(), PhloInvalidResponseError);
    expect(error).toMatchObject({ status: 200, outcomeKnown: true, problem: 'the body is not JSON' });
  });

  it('an empty body on a GET: PhloInvalidResponseError', async () => {
    sim.failNext({ status: 200, body: '' });
    const error = await rejection(getPhlo(), PhloInvalidResponseError);
    expect(error).toMatchObject({ problem: 'the body is empty', outcomeKnown: true });
  });

  it('JSON that is not an object on a GET: PhloInvalidResponseError naming the body', async () => {
    sim.failNext({ status: 200, body: 'null' });
    const error = await rejection(getPhlo(), PhloInvalidResponseError);
    expect(error.problem).toMatch(/^body: /);
  });

  it('JSON that misses a documented field on a GET: less detail, not an error', async () => {
    sim.failNext({ status: 200, body: { api_id: 'x', name: 'n', created_on: 'c' } });
    await expect(getPhlo()).resolves.toStrictEqual({ apiId: 'x', name: 'n', createdOn: 'c', status: 200 });
  });

  it('a field of the wrong type is dropped, the rest kept', async () => {
    sim.failNext({ status: 200, body: { api_id: 42, phlo_id: PHLO_ID, name: ['n'], created_on: 'c' } });
    await expect(getPhlo()).resolves.toStrictEqual({ phloId: PHLO_ID, createdOn: 'c', status: 200 });
  });
});

describe('the connection fails', () => {
  it('reset after the request was sent: PhloConnectionError sent=true, PHLO may have acted', async () => {
    sim.failNext('reset');
    const error = await rejection(hold(), PhloConnectionError);
    expect(error).toMatchObject({ code: 'PHLO_CONNECTION', sent: true, outcomeKnown: false });
    expect(error.status).toBeUndefined();
    expect(sim.requests).toHaveLength(1);
    expect(events.map((e) => e.status)).toStrictEqual(['network_error']);
  });

  it('reset on a GET: sent=true and outcomeKnown=false, but a GET cannot have acted', async () => {
    sim.failNext('reset');
    const error = await rejection(getPhlo(), PhloConnectionError);
    expect(error).toMatchObject({ sent: true, outcomeKnown: false, method: 'GET' });
    expect(error.message).not.toContain('may have acted');
  });

  it('connection refused: PhloConnectionError sent=false, nothing happened', async () => {
    const port = await closedPort();
    const { client: refused } = makeClient(`http://127.0.0.1:${port}/v1`, { retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 5 } });
    try {
      const error = await rejection(refused.updateMember(PHLO_ID, NODE_ID, CUSTOMER, 'hangup'), PhloConnectionError);
      expect(error).toMatchObject({ sent: false, outcomeKnown: true, errorCode: 'ECONNREFUSED' });
      expect(error.message).toContain('nothing was sent');
    } finally {
      await refused.close();
    }
  });
});

describe('PHLO is too slow', () => {
  it('latency above timeoutMs: PhloTimeoutError on a GET', async () => {
    sim.setLatency(SHORT_TIMEOUT_MS * 4);
    const error = await rejection(quick.getPhlo(PHLO_ID), PhloTimeoutError);
    expect(error).toMatchObject({ code: 'PHLO_TIMEOUT', timeoutMs: SHORT_TIMEOUT_MS, outcomeKnown: true });
    expect(events.map((e) => e.status)).toStrictEqual(['timeout']);
  });

  it('no answer at all on an action: PhloTimeoutError, and PHLO may have acted', async () => {
    sim.failNext('hang');
    const error = await rejection(quick.updateMember(PHLO_ID, NODE_ID, CUSTOMER, 'hold'), PhloTimeoutError);
    expect(error).toMatchObject({ operation: 'hold', method: 'POST', outcomeKnown: false });
  });
});

describe('refused before sending', () => {
  it('an empty id: PhloInvalidArgumentError and no request', async () => {
    const error = await rejection(client.getRun(PHLO_ID, ''), PhloInvalidArgumentError);
    expect(error).toMatchObject({ code: 'PHLO_INVALID_ARGUMENT', argument: 'runId', attempts: 0, outcomeKnown: true });
    await rejection(client.updateMember(PHLO_ID, NODE_ID, '', 'hold'), PhloInvalidArgumentError);
    expect(sim.requests).toHaveLength(0);
    expect(events).toHaveLength(0);
  });

  it('bad client options: PhloClientConfigError naming the option', () => {
    const base = { authId: AUTH_ID, authToken: AUTH_TOKEN, timeoutMs: 200, userAgent: USER_AGENT };
    expect(() => makeClient('not a url')).toThrow(PhloClientConfigError);
    expect(() => makeClient('ftp://example.com/v1')).toThrow(/baseUrl/);
    expect(() => makeClient(`http://${AUTH_ID}:${AUTH_TOKEN}@127.0.0.1/v1`)).toThrow(/must not carry credentials/);
    expect(() => makeClient(sim.url, { ...base, timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => makeClient(sim.url, { timeoutMs: 1.5 })).toThrow(/timeoutMs/);
    expect(() => makeClient(sim.url, { proxyUrl: 'http://user:s3cret@[bad' })).toThrow(PhloClientConfigError);
    try {
      makeClient(sim.url, { proxyUrl: 'http://user:s3cret@[bad' });
    } catch (err) {
      expect(inspect(err, { depth: 6 })).not.toContain('s3cret');
    }
  });

  it('logging the client itself shows no credentials', async () => {
    const { client: logged } = makeClient(sim.url);
    try {
      await logged.getPhlo(PHLO_ID);
      const shown = inspect(logged, { depth: 10, showHidden: true });
      expect(shown).not.toContain(AUTH_TOKEN);
      expect(shown).not.toContain(BASIC.slice('Basic '.length));
    } finally {
      await logged.close();
    }
  });

  it('a closed client refuses new calls without sending them', async () => {
    const { client: closing } = makeClient(sim.url);
    await closing.close();
    const error = await rejection(closing.getPhlo(PHLO_ID), PhloConnectionError);
    expect(error).toMatchObject({ sent: false, errorCode: 'CLIENT_CLOSED', attempts: 0 });
    expect(sim.requests).toHaveLength(0);
  });

  it('close() lets a call in flight finish', async () => {
    const { client: closing } = makeClient(sim.url);
    sim.setLatency(50);
    const pending = closing.getPhlo(PHLO_ID);
    await closing.close();
    await expect(pending).resolves.toMatchObject({ phloId: PHLO_ID });
  });
});
