/**
 * The 13 PHLO operations, each against the simulator: what PHLO saw (method, path, JSON body, Basic
 * auth, User-Agent) and what the caller got back.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { anyOf, stringMatching } from '../support/matchers.js';
import type { PhloClient, PhloRequestEvent } from '../../src/plivo/index.js';
import { startPhloSimulator, type PhloSimulator, type RecordedRequest } from '../../src/plivo/simulator/index.js';
import {
  ALICE,
  AUTH_ID,
  AUTH_TOKEN,
  BASIC,
  BOB,
  CAROL,
  CUSTOMER,
  DEMO_PHLO,
  NODE_ID,
  PHLO_ID,
  PHLO_TIMESTAMP,
  USER_AGENT,
  UUID,
  makeClient,
} from './support/fixtures.js';

let sim: PhloSimulator;
let client: PhloClient;
let events: PhloRequestEvent[];

const MEMBERS_PATH = `/v1/phlo/${PHLO_ID}/multi_party_call/${NODE_ID}/members`;

beforeAll(async () => {
  sim = await startPhloSimulator({ authId: AUTH_ID, authToken: AUTH_TOKEN, phlos: [DEMO_PHLO] });
  ({ client, events } = makeClient(sim.url));
});
afterEach(() => {
  sim.reset();
  events.length = 0;
});
afterAll(async () => {
  await client.close();
  await sim.close();
});

function only(): RecordedRequest {
  expect(sim.requests).toHaveLength(1);
  const [request] = sim.requests;
  if (request === undefined) throw new Error('no request');
  return request;
}

function expectGet(request: RecordedRequest, path: string): void {
  expect(request.method).toBe('GET');
  expect(request.path).toBe(path);
  expect(request.headers.authorization).toBe(BASIC);
  expect(request.headers['user-agent']).toBe(USER_AGENT);
  expect(request.headers.accept).toBe('application/json');
  expect(request.headers['content-type']).toBeUndefined();
  expect(request.body).toBeUndefined();
}

function expectPost(request: RecordedRequest, path: string, body: unknown): void {
  expect(request.method).toBe('POST');
  expect(request.path).toBe(path);
  expect(request.headers.authorization).toBe(BASIC);
  expect(request.headers['user-agent']).toBe(USER_AGENT);
  expect(request.headers.accept).toBe('application/json');
  expect(request.headers['content-type']).toBe('application/json');
  expect(request.body).toStrictEqual(body);
}

/** Puts Alice (agent) and the customer on the call through the simulator, then forgets those requests. */
async function seedCall(): Promise<void> {
  await client.updateMultiPartyCall(PHLO_ID, NODE_ID, { action: 'call', to: ALICE, role: 'agent', trigger_source: ALICE });
  await client.updateMultiPartyCall(PHLO_ID, NODE_ID, { action: 'call', to: CUSTOMER, role: 'customer', trigger_source: ALICE });
  sim.requests.length = 0;
  events.length = 0;
}

describe('PhloClient operations', () => {
  it('get_phlo: GET /phlo/{phlo_id} returns the PHLO', async () => {
    const phlo = await client.getPhlo(PHLO_ID);
    expectGet(only(), `/v1/phlo/${PHLO_ID}`);
    expect(phlo).toStrictEqual({
      apiId: stringMatching(UUID),
      status: 200,
      phloId: PHLO_ID,
      name: 'Support line',
      createdOn: stringMatching(PHLO_TIMESTAMP),
    });
    expect(events).toStrictEqual([{ operation: 'get_phlo', method: 'GET', status: 200, durationMs: anyOf(Number), attempt: 1 }]);
  });

  it('run_phlo: POST /account/{auth_id}/phlo/{phlo_id} with the payload keys exactly as given', async () => {
    const started = await client.runPhlo(PHLO_ID, { CallerName: 'x', order_id: '1' });
    const request = only();
    expectPost(request, `/v1/account/${AUTH_ID}/phlo/${PHLO_ID}`, { CallerName: 'x', order_id: '1' });
    expect(Object.keys(request.body as object)).toStrictEqual(['CallerName', 'order_id']);
    expect(started).toStrictEqual({ apiId: stringMatching(UUID), runId: started.apiId, phloId: PHLO_ID, message: anyOf(String), status: 201 });
    expect(sim.runs(PHLO_ID)).toStrictEqual([{ runId: started.apiId, payload: { CallerName: 'x', order_id: '1' } }]);
    expect(events.map((e) => [e.operation, e.method, e.status])).toStrictEqual([['run_phlo', 'POST', 201]]);
  });

  it('run_phlo: an empty payload is sent as {}', async () => {
    await client.runPhlo(PHLO_ID, {});
    expectPost(only(), `/v1/account/${AUTH_ID}/phlo/${PHLO_ID}`, {});
  });

  it('run_phlo: a run whose flow then fails still answers 201, and its message is returned', async () => {
    sim.addPhlo({ id: 'failing-phlo', name: 'Broken', nodes: [], runFails: 'Start node failed: missing key "to"' });
    const started = await client.runPhlo('failing-phlo', { from: '+14155550100' });
    expect(started.message).toBe('Start node failed: missing key "to"');
    expect(started.phloId).toBe('failing-phlo');
  });

  it('get_run: GET /phlo/{phlo_id}/runs/{run_id} returns the stored run', async () => {
    const { runId } = await client.runPhlo(PHLO_ID, {});
    if (runId === undefined) throw new Error('the simulator names every run');
    sim.requests.length = 0;
    const run = await client.getRun(PHLO_ID, runId);
    expectGet(only(), `/v1/phlo/${PHLO_ID}/runs/${runId}`);
    expect(run).toStrictEqual({
      apiId: stringMatching(UUID),
      status: 200,
      phloId: PHLO_ID,
      runId,
      callUuids: [stringMatching(UUID)],
      messageUuids: [],
      recordingIds: [],
    });
  });

  it('get_multi_party_call: GET /phlo/{phlo_id}/multi_party_call/{node_id} returns the node', async () => {
    const node = await client.getMultiPartyCall(PHLO_ID, NODE_ID);
    expectGet(only(), `/v1/phlo/${PHLO_ID}/multi_party_call/${NODE_ID}`);
    expect(node).toStrictEqual({
      apiId: stringMatching(UUID),
      status: 200,
      nodeId: NODE_ID,
      phloId: PHLO_ID,
      name: 'Support queue',
      nodeType: 'multi_party_call',
      createdOn: stringMatching(PHLO_TIMESTAMP),
    });
  });

  it('call: POST the documented body to the node and the member joins', async () => {
    const result = await client.updateMultiPartyCall(PHLO_ID, NODE_ID, {
      action: 'call',
      to: CUSTOMER,
      role: 'customer',
      trigger_source: ALICE,
    });
    const request = only();
    expectPost(request, `/v1/phlo/${PHLO_ID}/multi_party_call/${NODE_ID}`, {
      action: 'call',
      to: CUSTOMER,
      role: 'customer',
      trigger_source: ALICE,
    });
    expect(Object.keys(request.body as object)).toStrictEqual(['action', 'to', 'role', 'trigger_source']);
    expect(result).toStrictEqual({ apiId: stringMatching(UUID), status: 201 });
    expect(sim.members(PHLO_ID, NODE_ID)).toStrictEqual([
      { address: CUSTOMER, role: 'customer', held: false, state: 'connected', joinedBy: ALICE },
    ]);
    expect(events.map((e) => [e.operation, e.status])).toStrictEqual([['call', 201]]);
  });

  it('call: only the documented keys are sent, even if the caller passes more', async () => {
    const body = { action: 'call' as const, to: CUSTOMER, role: 'customer' as const, trigger_source: ALICE, extra: 'no' };
    await client.updateMultiPartyCall(PHLO_ID, NODE_ID, body);
    expect(only().body).toStrictEqual({ action: 'call', to: CUSTOMER, role: 'customer', trigger_source: ALICE });
  });

  it('warm_transfer: POST to the node starts a warm transfer', async () => {
    await seedCall();
    const result = await client.updateMultiPartyCall(PHLO_ID, NODE_ID, {
      action: 'warm_transfer',
      to: BOB,
      role: 'agent',
      trigger_source: ALICE,
    });
    expectPost(only(), `/v1/phlo/${PHLO_ID}/multi_party_call/${NODE_ID}`, {
      action: 'warm_transfer',
      to: BOB,
      role: 'agent',
      trigger_source: ALICE,
    });
    expect(result.apiId).toMatch(UUID);
    expect(sim.transfer(PHLO_ID, NODE_ID)).toStrictEqual({ initiator: ALICE, recipient: BOB, mode: 'warm' });
  });

  it('cold_transfer: POST to the node hands the call over and the initiator leaves', async () => {
    await seedCall();
    await client.updateMultiPartyCall(PHLO_ID, NODE_ID, { action: 'cold_transfer', to: CAROL, role: 'agent', trigger_source: ALICE });
    expectPost(only(), `/v1/phlo/${PHLO_ID}/multi_party_call/${NODE_ID}`, {
      action: 'cold_transfer',
      to: CAROL,
      role: 'agent',
      trigger_source: ALICE,
    });
    const states = Object.fromEntries(sim.members(PHLO_ID, NODE_ID).map((m) => [m.address, m.state]));
    expect(states).toStrictEqual({ [ALICE]: 'hung_up', [CUSTOMER]: 'connected', [CAROL]: 'connected' });
  });

  it('hold and unhold: POST {"action"} to the member, whose + stays literal in the path', async () => {
    await seedCall();
    await client.updateMember(PHLO_ID, NODE_ID, CUSTOMER, 'hold');
    expectPost(only(), `${MEMBERS_PATH}/+14155551234`, { action: 'hold' });
    expect(sim.members(PHLO_ID, NODE_ID).find((m) => m.address === CUSTOMER)?.held).toBe(true);

    sim.requests.length = 0;
    const result = await client.updateMember(PHLO_ID, NODE_ID, CUSTOMER, 'unhold');
    expectPost(only(), `${MEMBERS_PATH}/+14155551234`, { action: 'unhold' });
    expect(result).toStrictEqual({ apiId: stringMatching(UUID), status: 201 });
    expect(sim.members(PHLO_ID, NODE_ID).find((m) => m.address === CUSTOMER)?.held).toBe(false);
    expect(events.map((e) => [e.operation, e.method, e.status])).toStrictEqual([
      ['hold', 'POST', 201],
      ['unhold', 'POST', 201],
    ]);
  });

  it('hangup: POST {"action":"hangup"} to the member', async () => {
    await seedCall();
    await client.updateMember(PHLO_ID, NODE_ID, CUSTOMER, 'hangup');
    expectPost(only(), `${MEMBERS_PATH}/+14155551234`, { action: 'hangup' });
    expect(sim.members(PHLO_ID, NODE_ID).find((m) => m.address === CUSTOMER)?.state).toBe('hung_up');
  });

  it('resume_call: POST to the recipient, a SIP address sent with : and @ as they are', async () => {
    await seedCall();
    await client.updateMultiPartyCall(PHLO_ID, NODE_ID, { action: 'warm_transfer', to: BOB, role: 'agent', trigger_source: ALICE });
    sim.requests.length = 0;
    await client.updateMember(PHLO_ID, NODE_ID, BOB, 'resume_call');
    expectPost(only(), `${MEMBERS_PATH}/sip:bob@phone.plivo.com`, { action: 'resume_call' });
    expect(sim.transfer(PHLO_ID, NODE_ID)).toBeUndefined();
  });

  it('abort_transfer: POST to the initiator cancels the transfer and drops the recipient', async () => {
    await seedCall();
    await client.updateMultiPartyCall(PHLO_ID, NODE_ID, { action: 'warm_transfer', to: CAROL, role: 'agent', trigger_source: ALICE });
    sim.requests.length = 0;
    await client.updateMember(PHLO_ID, NODE_ID, ALICE, 'abort_transfer');
    expectPost(only(), `${MEMBERS_PATH}/+14155550100`, { action: 'abort_transfer' });
    expect(sim.transfer(PHLO_ID, NODE_ID)).toBeUndefined();
    expect(sim.members(PHLO_ID, NODE_ID).find((m) => m.address === CAROL)?.state).toBe('hung_up');
  });

  it('voicemail_drop: POST {"action":"voicemail_drop"} to the member', async () => {
    await seedCall();
    await client.updateMember(PHLO_ID, NODE_ID, CUSTOMER, 'voicemail_drop');
    expectPost(only(), `${MEMBERS_PATH}/+14155551234`, { action: 'voicemail_drop' });
    expect(sim.members(PHLO_ID, NODE_ID).find((m) => m.address === CUSTOMER)?.state).toBe('voicemail');
  });

  it('percent-encodes ids and addresses only where a path segment requires it', async () => {
    sim.addPhlo({ id: 'phlo with/odd?chars#é', name: 'Odd', nodes: [] });
    const phlo = await client.getPhlo('phlo with/odd?chars#é');
    expect(only().path).toBe('/v1/phlo/phlo%20with%2Fodd%3Fchars%23%C3%A9');
    expect(phlo.phloId).toBe('phlo with/odd?chars#é');
  });

  it('accepts a base URL with a trailing slash', async () => {
    const { client: slashed } = makeClient(`${sim.url}/`);
    try {
      await slashed.getPhlo(PHLO_ID);
      expect(only().path).toBe(`/v1/phlo/${PHLO_ID}`);
    } finally {
      await slashed.close();
    }
  });

  it('accepts extra fields in PHLO answers and returns only the documented ones', async () => {
    sim.failNext({
      status: 200,
      body: { api_id: 'a1', phlo_id: PHLO_ID, name: 'n', created_on: 'c', brand_new_field: { x: 1 } },
    });
    await expect(client.getPhlo(PHLO_ID)).resolves.toStrictEqual({ apiId: 'a1', phloId: PHLO_ID, name: 'n', createdOn: 'c', status: 200 });
  });
});
