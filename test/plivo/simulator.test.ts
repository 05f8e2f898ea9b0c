/**
 * The PHLO simulator over real HTTP: the documented bodies and status codes, the errors for bad input,
 * the multiparty call state machine, faults, and robustness against malformed requests.
 */
import { connect } from 'node:net';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Agent } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { anyOf, objectContaining, stringMatching } from '../support/matchers.js';
import { UNAUTHORIZED_TEXT, startPhloSimulator, type PhloSimulator } from '../../src/plivo/simulator/index.js';
import { ALICE, AUTH_ID, AUTH_TOKEN, BASIC, BOB, CAROL, CUSTOMER, DEMO_PHLO, NODE_ID, PHLO_ID, PHLO_TIMESTAMP, UUID } from './support/fixtures.js';

let sim: PhloSimulator;
let origin: string;
const agent = new Agent();

beforeAll(async () => {
  sim = await startPhloSimulator({ authId: AUTH_ID, authToken: AUTH_TOKEN, phlos: [DEMO_PHLO] });
  origin = new URL(sim.url).origin;
});
afterEach(() => { sim.reset(); });
afterAll(async () => {
  await agent.close();
  await sim.close();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: unknown;
}

/** Sends exactly this path (no URL normalisation) with Basic auth unless told otherwise. */
async function api(method: string, path: string, body?: unknown, authorization: string | null = BASIC): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (authorization !== null) headers.authorization = authorization;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await agent.request({
    origin,
    path,
    method: method,
    headers,
    body: body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.body.text();
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, headers: res.headers, text, json };
}

const NODE = `/v1/phlo/${PHLO_ID}/multi_party_call/${NODE_ID}`;
const member = (address: string): string => `${NODE}/members/${encodeURIComponent(address)}`;
const act = (action: string, to: string, role: string, triggerSource: string): Promise<Answer> =>
  api('POST', NODE, { action, to, role, trigger_source: triggerSource });
const onMember = (address: string, action: string): Promise<Answer> => api('POST', member(address), { action });
const error = (text: string | RegExp): unknown => ({ api_id: stringMatching(UUID), error: typeof text === 'string' ? text : stringMatching(text) });
const stateOf = (address: string): unknown => sim.members(PHLO_ID, NODE_ID).find((m) => m.address === address);

describe('documented success bodies', () => {
  it('GET /phlo/{id}: 200 {api_id, phlo_id, name, created_on}', async () => {
    const answer = await api('GET', `/v1/phlo/${PHLO_ID}`);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.json).toStrictEqual({
      api_id: stringMatching(UUID),
      phlo_id: PHLO_ID,
      name: 'Support line',
      created_on: stringMatching(PHLO_TIMESTAMP),
    });
  });

  it('GET multi_party_call node: 200 with node_type multi_party_call', async () => {
    const answer = await api('GET', NODE);
    expect(answer.status).toBe(200);
    expect(answer.json).toStrictEqual({
      api_id: stringMatching(UUID),
      node_id: NODE_ID,
      phlo_id: PHLO_ID,
      name: 'Support queue',
      node_type: 'multi_party_call',
      created_on: stringMatching(PHLO_TIMESTAMP),
    });
  });

  it('run: 201 {api_id = run id, phlo_id, message}; the run is stored and retrievable', async () => {
    const run = await api('POST', `/v1/account/${AUTH_ID}/phlo/${PHLO_ID}`, { from: ALICE, to: CUSTOMER });
    expect(run.status).toBe(201);
    expect(run.json).toStrictEqual({ api_id: stringMatching(UUID), phlo_id: PHLO_ID, message: anyOf(String) });
    const runId = (run.json as { api_id: string }).api_id;
    expect(sim.runs(PHLO_ID)).toStrictEqual([{ runId, payload: { from: ALICE, to: CUSTOMER } }]);

    const stored = await api('GET', `/v1/phlo/${PHLO_ID}/runs/${runId}`);
    expect(stored.status).toBe(200);
    expect(stored.json).toStrictEqual({
      api_id: stringMatching(UUID),
      phlo_id: PHLO_ID,
      run_id: runId,
      call_uuids: [stringMatching(UUID)],
      message_uuids: [],
      recording_ids: [],
    });
    expect((stored.json as { api_id: string }).api_id).not.toBe(runId);
  });

  it('run with no body at all counts as an empty payload', async () => {
    const run = await api('POST', `/v1/account/${AUTH_ID}/phlo/${PHLO_ID}`);
    expect(run.status).toBe(201);
    expect(sim.runs(PHLO_ID)[0]?.payload).toStrictEqual({});
  });

  it('a PHLO whose flow fails still answers 201, with its failure text as message', async () => {
    sim.addPhlo({ id: 'broken', name: 'Broken', nodes: [], runFails: 'b\'Send SMS\' failed: invalid destination' });
    const run = await api('POST', `/v1/account/${AUTH_ID}/phlo/broken`, {});
    expect(run.status).toBe(201);
    expect((run.json as { message: string }).message).toBe("b'Send SMS' failed: invalid destination");
  });

  it('actions answer 201 {api_id, error: ""}', async () => {
    const answer = await act('call', CUSTOMER, 'customer', ALICE);
    expect(answer.status).toBe(201);
    expect(answer.json).toStrictEqual({ api_id: stringMatching(UUID), error: '' });
    const hold = await onMember(CUSTOMER, 'hold');
    expect(hold.status).toBe(201);
    expect(hold.json).toStrictEqual({ api_id: stringMatching(UUID), error: '' });
  });
});

describe('401: Basic auth on every request', () => {
  it.each([
    ['no Authorization header', null],
    ['a wrong token', `Basic ${Buffer.from(`${AUTH_ID}:nope`).toString('base64')}`],
    ['a wrong auth id', `Basic ${Buffer.from(`MAOTHER:${AUTH_TOKEN}`).toString('base64')}`],
    ['a Bearer token', `Bearer ${AUTH_TOKEN}`],
    ['malformed base64', 'Basic !!!'],
  ])('%s', async (_label, authorization) => {
    for (const [method, path] of [
      ['GET', `/v1/phlo/${PHLO_ID}`],
      ['POST', NODE],
      ['GET', '/v1/nowhere'],
    ] as const) {
      const answer = await api(method, path, method === 'POST' ? { action: 'call' } : undefined, authorization);
      expect(answer.status).toBe(401);
      expect(answer.json).toStrictEqual(error(UNAUTHORIZED_TEXT));
    }
    expect(sim.members(PHLO_ID, NODE_ID)).toStrictEqual([]);
  });

  it("a run whose path names another account's auth_id", async () => {
    const answer = await api('POST', `/v1/account/MAOTHER/phlo/${PHLO_ID}`, {});
    expect(answer.status).toBe(401);
    expect(answer.json).toStrictEqual(error(UNAUTHORIZED_TEXT));
    expect(sim.runs(PHLO_ID)).toStrictEqual([]);
  });
});

describe('404', () => {
  it.each([
    ['unknown PHLO', 'GET', '/v1/phlo/nope', 'PHLO nope not found'],
    ['unknown PHLO on run', 'POST', `/v1/account/${AUTH_ID}/phlo/nope`, 'PHLO nope not found'],
    ['unknown run', 'GET', `/v1/phlo/${PHLO_ID}/runs/nope`, 'PHLO run nope not found'],
    ['unknown node', 'GET', `/v1/phlo/${PHLO_ID}/multi_party_call/nope`, `multiparty call node nope not found in PHLO ${PHLO_ID}`],
    ['unknown node on an action', 'POST', `/v1/phlo/${PHLO_ID}/multi_party_call/nope/members/${ALICE}`, /node nope not found/],
    ['unknown member', 'POST', member(CUSTOMER), `member ${CUSTOMER} not found in this multiparty call`],
    ['unknown path', 'GET', '/v1/phlos', 'not found'],
    ['missing /v1', 'GET', `/phlo/${PHLO_ID}`, 'not found'],
    ['extra segment', 'GET', `/v1/phlo/${PHLO_ID}/runs/x/y`, 'not found'],
    ['trailing slash', 'GET', `/v1/phlo/${PHLO_ID}/`, 'not found'],
    ['root', 'GET', '/', 'not found'],
  ])('%s', async (_label, method, path, text) => {
    const answer = await api(method, path, method === 'POST' ? { action: 'hold' } : undefined);
    expect(answer.status).toBe(404);
    expect(answer.json).toStrictEqual(error(text));
  });

  it('a run is found only under its own PHLO', async () => {
    sim.addPhlo({ id: 'other', name: 'Other', nodes: [] });
    const run = await api('POST', `/v1/account/${AUTH_ID}/phlo/${PHLO_ID}`, {});
    const runId = (run.json as { api_id: string }).api_id;
    expect((await api('GET', `/v1/phlo/other/runs/${runId}`)).status).toBe(404);
  });
});

describe('405: wrong method on a known path', () => {
  it.each([
    ['DELETE', `/v1/phlo/${PHLO_ID}`, 'GET'],
    ['POST', `/v1/phlo/${PHLO_ID}`, 'GET'],
    ['GET', `/v1/account/${AUTH_ID}/phlo/${PHLO_ID}`, 'POST'],
    ['POST', `/v1/phlo/${PHLO_ID}/runs/r1`, 'GET'],
    ['PUT', NODE, 'GET, POST'],
    ['GET', member(ALICE), 'POST'],
  ])('%s %s', async (method, path, allow) => {
    const answer = await api(method, path);
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe(allow);
    expect(answer.json).toStrictEqual(error(`method ${method} is not allowed here; allowed: ${allow}`));
  });
});

describe('400: bad input', () => {
  it.each([
    ['body not JSON', NODE, '{"action": "call",', 'request body is not valid JSON'],
    ['body a JSON array', NODE, '["call"]', 'request body must be a JSON object'],
    ['no body', NODE, undefined, 'request body is required: a JSON object with "action"'],
    ['no action', NODE, { to: CUSTOMER }, 'action is required'],
    ['unknown action', NODE, { action: 'dial' }, 'unknown action "dial"; expected one of call, warm_transfer, cold_transfer'],
    ['member action on the node', NODE, { action: 'hold' }, /^unknown action "hold"/],
    ['missing to', NODE, { action: 'call', role: 'agent', trigger_source: ALICE }, 'to is required'],
    ['missing role', NODE, { action: 'warm_transfer', to: BOB, trigger_source: ALICE }, 'role is required'],
    ['missing trigger_source', NODE, { action: 'cold_transfer', to: BOB, role: 'agent' }, 'trigger_source is required'],
    ['to not a string', NODE, { action: 'call', to: 14155551234, role: 'agent', trigger_source: ALICE }, 'to must be a string'],
    ['bad role', NODE, { action: 'call', to: BOB, role: 'boss', trigger_source: ALICE }, 'role must be "agent" or "customer"'],
    ['to too short', NODE, { action: 'call', to: '+1234567', role: 'agent', trigger_source: ALICE }, 'to "+1234567" is not a phone number or SIP endpoint address'],
    ['to too long', NODE, { action: 'call', to: '+1234567890123456', role: 'agent', trigger_source: ALICE }, /is not a phone number/],
    ['to with letters', NODE, { action: 'call', to: '+1415CALLME', role: 'agent', trigger_source: ALICE }, /is not a phone number/],
    ['to a SIP URI without user', NODE, { action: 'call', to: 'sip:phone.plivo.com', role: 'agent', trigger_source: ALICE }, /is not a phone number/],
    ['bad trigger_source', NODE, { action: 'call', to: BOB, role: 'agent', trigger_source: 'alice' }, /^trigger_source "alice" is not a phone number/],
    ['unknown member action', member(ALICE), { action: 'mute' }, /^unknown action "mute"; expected one of hold, unhold, hangup/],
    ['node action on a member', member(ALICE), { action: 'call' }, /^unknown action "call"/],
    ['member address not an address', `${NODE}/members/bob`, { action: 'hold' }, 'member address "bob" is not a phone number or SIP endpoint address'],
    ['bad percent-encoding', `${NODE}/members/%E0%A4%A`, { action: 'hold' }, 'the path holds a malformed percent-encoding'],
    ['run payload not an object', `/v1/account/${AUTH_ID}/phlo/${PHLO_ID}`, '"x"', 'request body must be a JSON object'],
  ])('%s', async (_label, path, body, text) => {
    const answer = await api('POST', path, body);
    expect(answer.status).toBe(400);
    expect(answer.json).toStrictEqual(error(text));
  });

  it('bad input changes nothing', async () => {
    await act('call', 'nope', 'agent', ALICE);
    expect(sim.members(PHLO_ID, NODE_ID)).toStrictEqual([]);
  });
});

describe('multiparty call state', () => {
  it('call → hold → unhold → warm transfer → resume → hangup', async () => {
    expect((await act('call', ALICE, 'agent', ALICE)).status).toBe(201);
    expect((await act('call', CUSTOMER, 'customer', ALICE)).status).toBe(201);
    expect(sim.members(PHLO_ID, NODE_ID)).toStrictEqual([
      { address: ALICE, role: 'agent', held: false, state: 'connected', joinedBy: ALICE },
      { address: CUSTOMER, role: 'customer', held: false, state: 'connected', joinedBy: ALICE },
    ]);

    // The same number with or without +, and percent-encoded or not, is the same member.
    expect(await act('call', '14155551234', 'customer', ALICE)).toMatchObject({ status: 400, json: error('14155551234 is already on the call') });
    expect((await api('POST', `${NODE}/members/14155551234`, { action: 'hold' })).status).toBe(201);
    expect(stateOf(CUSTOMER)).toMatchObject({ held: true });
    expect((await api('POST', `${NODE}/members/%2B14155551234`, { action: 'unhold' })).status).toBe(201);
    expect(stateOf(CUSTOMER)).toMatchObject({ held: false });

    expect((await act('warm_transfer', BOB, 'agent', ALICE)).status).toBe(201);
    expect(sim.transfer(PHLO_ID, NODE_ID)).toStrictEqual({ initiator: ALICE, recipient: BOB, mode: 'warm' });
    expect(stateOf(BOB)).toStrictEqual({ address: BOB, role: 'agent', held: false, state: 'connected', joinedBy: ALICE });
    expect(await act('warm_transfer', CAROL, 'agent', ALICE)).toMatchObject({ status: 400, json: error('a transfer is already in progress') });

    expect(await onMember(CUSTOMER, 'resume_call')).toMatchObject({
      status: 400,
      json: error('only the initiator or the recipient of the transfer may resume the call'),
    });
    // The SIP address with : and @ left literal in the path, as the client sends it.
    expect((await api('POST', `${NODE}/members/sip:bob@phone.plivo.com`, { action: 'resume_call' })).status).toBe(201);
    expect(sim.transfer(PHLO_ID, NODE_ID)).toBeUndefined();
    expect(await onMember(BOB, 'resume_call')).toMatchObject({ status: 400, json: error('no transfer in progress') });

    expect((await onMember(ALICE, 'hangup')).status).toBe(201);
    expect(stateOf(ALICE)).toMatchObject({ state: 'hung_up', held: false });
    expect(await onMember(ALICE, 'hold')).toMatchObject({ status: 404, json: error(`member ${ALICE} is no longer on the call`) });
    expect(await onMember(ALICE, 'hangup')).toMatchObject({ status: 404 });
  });

  it('warm transfer → abort by the initiator hangs up the recipient', async () => {
    await act('call', ALICE, 'agent', ALICE);
    await act('call', CUSTOMER, 'customer', ALICE);
    await act('warm_transfer', CAROL, 'agent', ALICE);
    expect(await onMember(CAROL, 'abort_transfer')).toMatchObject({ status: 400, json: error('only the initiator of the transfer may abort it') });
    expect((await onMember(ALICE, 'abort_transfer')).status).toBe(201);
    expect(sim.transfer(PHLO_ID, NODE_ID)).toBeUndefined();
    expect(stateOf(CAROL)).toMatchObject({ state: 'hung_up' });
    expect(stateOf(ALICE)).toMatchObject({ state: 'connected' });
    expect(await onMember(ALICE, 'abort_transfer')).toMatchObject({ status: 400, json: error('no transfer in progress') });
    // The recipient can be dialled again once gone.
    expect((await act('call', CAROL, 'agent', ALICE)).status).toBe(201);
    expect(stateOf(CAROL)).toMatchObject({ state: 'connected' });
  });

  it('hanging up a party of a warm transfer ends it', async () => {
    await act('call', ALICE, 'agent', ALICE);
    await act('warm_transfer', BOB, 'agent', ALICE);
    await api('POST', `${NODE}/members/sip:BOB@PHONE.PLIVO.COM`, { action: 'hangup' });
    expect(stateOf(BOB)).toMatchObject({ state: 'connected' }); // the SIP user part is case-sensitive
    await api('POST', `${NODE}/members/sip:bob@Phone.Plivo.Com`, { action: 'hangup' });
    expect(stateOf(BOB)).toMatchObject({ state: 'hung_up' });
    expect(sim.transfer(PHLO_ID, NODE_ID)).toBeUndefined();
  });

  it('cold transfer adds the new party and hangs up the trigger source', async () => {
    await act('call', ALICE, 'agent', ALICE);
    await act('call', CUSTOMER, 'customer', ALICE);
    expect((await act('cold_transfer', BOB, 'agent', ALICE)).status).toBe(201);
    expect(stateOf(ALICE)).toMatchObject({ state: 'hung_up' });
    expect(stateOf(BOB)).toMatchObject({ state: 'connected', role: 'agent', joinedBy: ALICE });
    expect(stateOf(CUSTOMER)).toMatchObject({ state: 'connected' });
    expect(sim.transfer(PHLO_ID, NODE_ID)).toBeUndefined();
  });

  it('cold transfer from someone not on the call only adds the new party', async () => {
    await act('call', CUSTOMER, 'customer', ALICE);
    expect((await act('cold_transfer', BOB, 'agent', ALICE)).status).toBe(201);
    expect(sim.members(PHLO_ID, NODE_ID).map((m) => [m.address, m.state])).toStrictEqual([
      [CUSTOMER, 'connected'],
      [BOB, 'connected'],
    ]);
  });

  it('voicemail drop marks the member; unknown members are 404', async () => {
    await act('call', CUSTOMER, 'customer', ALICE);
    expect((await onMember(CUSTOMER, 'voicemail_drop')).status).toBe(201);
    expect(stateOf(CUSTOMER)).toMatchObject({ state: 'voicemail' });
    expect(await onMember(CAROL, 'voicemail_drop')).toMatchObject({ status: 404, json: error(`member ${CAROL} not found in this multiparty call`) });
  });

  it('resume and abort with no transfer in progress are 400', async () => {
    expect(await onMember(ALICE, 'resume_call')).toMatchObject({ status: 400, json: error('no transfer in progress') });
    expect(await onMember(ALICE, 'abort_transfer')).toMatchObject({ status: 400, json: error('no transfer in progress') });
  });

  it('accessors return copies and [] for unknown nodes', async () => {
    await act('call', CUSTOMER, 'customer', ALICE);
    const [copy] = sim.members(PHLO_ID, NODE_ID);
    if (copy !== undefined) copy.held = true;
    expect(stateOf(CUSTOMER)).toMatchObject({ held: false });
    expect(sim.members(PHLO_ID, 'nope')).toStrictEqual([]);
    expect(sim.members('nope', NODE_ID)).toStrictEqual([]);
    expect(sim.runs('nope')).toStrictEqual([]);
    expect(sim.transfer('nope', NODE_ID)).toBeUndefined();
  });
});

describe('recorded requests', () => {
  it('keep the raw path, the query, the headers and the body', async () => {
    await api('POST', `${NODE}/members/sip%3Abob%40phone.plivo.com?limit=5&offset=10`, { action: 'hold' });
    await api('POST', NODE, 'not json');
    await api('GET', `/v1/phlo/${PHLO_ID}`);
    expect(sim.requests).toStrictEqual([
      {
        method: 'POST',
        path: `${NODE}/members/sip%3Abob%40phone.plivo.com`,
        query: { limit: '5', offset: '10' },
        headers: objectContaining({ authorization: BASIC, 'content-type': 'application/json' }),
        body: { action: 'hold' },
        at: anyOf(Date),
      },
      objectContaining({ method: 'POST', path: NODE, body: 'not json' }),
      objectContaining({ method: 'GET', query: {}, body: undefined }),
    ]);
  });

  it('include requests that failed auth or were faulted', async () => {
    sim.failNext('garbage');
    await api('GET', `/v1/phlo/${PHLO_ID}`);
    await api('GET', `/v1/phlo/${PHLO_ID}`, undefined, null);
    expect(sim.requests).toHaveLength(2);
  });
});

describe('faults and latency', () => {
  it('a status fault answers the status with a JSON body, then the next request is normal', async () => {
    sim.failNext({ status: 503, body: { api_id: 'x', error: 'down' }, headers: { 'retry-after': '3' } });
    const faulted = await api('GET', `/v1/phlo/${PHLO_ID}`);
    expect(faulted).toMatchObject({ status: 503, json: { api_id: 'x', error: 'down' } });
    expect(faulted.headers['retry-after']).toBe('3');
    expect((await api('GET', `/v1/phlo/${PHLO_ID}`)).status).toBe(200);
  });

  it('a string body is sent raw; no body gives a PHLO-style error', async () => {
    sim.failNext({ status: 404, body: '' });
    sim.failNext({ status: 500, body: 'oops' });
    sim.failNext({ status: 502 });
    expect(await api('GET', `/v1/phlo/${PHLO_ID}`)).toMatchObject({ status: 404, text: '' });
    expect(await api('GET', `/v1/phlo/${PHLO_ID}`)).toMatchObject({ status: 500, text: 'oops' });
    expect(await api('GET', `/v1/phlo/${PHLO_ID}`)).toMatchObject({ status: 502, json: error('simulated fault') });
  });

  it('times and match choose which requests fail, and a fault comes before handling', async () => {
    sim.failNext({ status: 500 }, { times: 2, match: (req) => req.method === 'POST' && req.path.endsWith('/hold') });
    sim.failNext({ status: 500 }, { times: 2, match: (req) => req.method === 'POST' && req.path === NODE });
    expect((await api('GET', `/v1/phlo/${PHLO_ID}`)).status).toBe(200);
    expect((await act('call', CUSTOMER, 'customer', ALICE)).status).toBe(500);
    expect(sim.members(PHLO_ID, NODE_ID)).toStrictEqual([]);
    expect((await act('call', CUSTOMER, 'customer', ALICE)).status).toBe(500);
    expect((await act('call', CUSTOMER, 'customer', ALICE)).status).toBe(201);
  });

  it('garbage: 200 with a body that is not JSON', async () => {
    sim.failNext('garbage');
    const answer = await api('GET', `/v1/phlo/${PHLO_ID}`);
    expect(answer.status).toBe(200);
    expect(answer.json).toBeUndefined();
    expect(answer.text.length).toBeGreaterThan(0);
  });

  it('reset: the socket is destroyed without an answer', async () => {
    sim.failNext('reset');
    await expect(api('GET', `/v1/phlo/${PHLO_ID}`)).rejects.toMatchObject({ code: stringMatching(/UND_ERR_SOCKET|ECONNRESET/) });
    expect((await api('GET', `/v1/phlo/${PHLO_ID}`)).status).toBe(200);
  });

  it('hang: no answer until the client gives up', async () => {
    sim.failNext('hang');
    await expect(
      agent.request({ origin, path: `/v1/phlo/${PHLO_ID}`, method: 'GET', headers: { authorization: BASIC }, signal: AbortSignal.timeout(100) }),
    ).rejects.toBeInstanceOf(Error);
    expect((await api('GET', `/v1/phlo/${PHLO_ID}`)).status).toBe(200);
  });

  it('latency delays the answer, which still comes', async () => {
    sim.setLatency(20);
    expect((await api('GET', `/v1/phlo/${PHLO_ID}`)).status).toBe(200);
  });

  it('reset() clears calls, runs, requests, faults and latency, but keeps PHLOs', async () => {
    sim.addPhlo({ id: 'extra', name: 'Extra', nodes: [] });
    await act('call', CUSTOMER, 'customer', ALICE);
    await act('warm_transfer', BOB, 'agent', ALICE);
    await api('POST', `/v1/account/${AUTH_ID}/phlo/${PHLO_ID}`, {});
    sim.failNext({ status: 500 }, { times: 5 });
    sim.setLatency(10_000);
    sim.reset();
    expect(sim.requests).toStrictEqual([]);
    expect(sim.members(PHLO_ID, NODE_ID)).toStrictEqual([]);
    expect(sim.transfer(PHLO_ID, NODE_ID)).toBeUndefined();
    expect(sim.runs(PHLO_ID)).toStrictEqual([]);
    expect((await api('GET', '/v1/phlo/extra')).status).toBe(200);
  });
});

describe('robustness', () => {
  function raw(bytes: string): Promise<string> {
    const { port } = new URL(origin);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.end(bytes));
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      socket.on('close', () => { resolve(text); });
      socket.on('error', reject);
    });
  }

  it('answers 400 to bytes that are not HTTP and keeps serving', async () => {
    expect(await raw('HELLO THERE\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw('GET /v1/phlo/x HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect((await api('GET', `/v1/phlo/${PHLO_ID}`)).status).toBe(200);
  });

  it('answers a request with an unusual target', async () => {
    expect(await raw(`OPTIONS * HTTP/1.1\r\nHost: x\r\nAuthorization: ${BASIC}\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 404/);
  });

  it('answers 413 to a huge body', async () => {
    const answer = await api('POST', NODE, JSON.stringify({ action: 'call', pad: 'x'.repeat(2 * 1024 * 1024) }));
    expect(answer).toMatchObject({ status: 413, json: error('request body is too large') });
  });

  it('survives a client that disconnects mid-request', async () => {
    const { port } = new URL(origin);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(`POST ${NODE} HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"action"`);
        socket.destroy();
        resolve();
      });
    });
    expect((await api('GET', `/v1/phlo/${PHLO_ID}`)).status).toBe(200);
  });
});

describe('cli', () => {
  it('starts the demo PHLO on the given port and prints its URL', async () => {
    const cli = fileURLToPath(new URL('../../src/plivo/simulator/cli.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--auth-id', 'CLIID', '--auth-token', 'CLITOKEN'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString('utf8');
          const match = /listening on (http:\/\/\S+\/v1)/.exec(out);
          if (match?.[1] !== undefined) resolve(match[1]);
        });
        child.on('exit', (code) => { reject(new Error(`cli exited with ${String(code)}: ${out}`)); });
      });
      const res = await agent.request({
        origin: new URL(url).origin,
        path: `/v1/phlo/${PHLO_ID}/multi_party_call/${NODE_ID}`,
        method: 'GET',
        headers: { authorization: `Basic ${Buffer.from('CLIID:CLITOKEN').toString('base64')}` },
      });
      expect(res.statusCode).toBe(200);
      expect(await res.body.json()).toMatchObject({ phlo_id: PHLO_ID, node_id: NODE_ID, name: 'Support queue' });
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
