/**
 * A 2xx means PHLO did it: every success body the vendor documents or tests against, served over HTTP
 * to the operation it answers, gives a result (never an error) with exactly the detail the body has.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PhloClient, PhloOperation } from '../../src/plivo/index.js';
import { startPhloSimulator, type PhloSimulator } from '../../src/plivo/simulator/index.js';
import { ALICE, AUTH_ID, AUTH_TOKEN, CUSTOMER, DEMO_PHLO, NODE_ID, PHLO_ID, makeClient } from './support/fixtures.js';
import { VENDOR_BODIES, bodiesFor } from './support/vendorBodies.js';

const OPERATIONS: readonly PhloOperation[] = [
  'get_phlo',
  'run_phlo',
  'get_run',
  'get_multi_party_call',
  'call',
  'warm_transfer',
  'cold_transfer',
  'hold',
  'unhold',
  'hangup',
  'resume_call',
  'abort_transfer',
  'voicemail_drop',
];

const RUN_ID = 'b7df01fd-1cb0-404e-a0d1-21e69a610e84';

let sim: PhloSimulator;
let client: PhloClient;

beforeAll(async () => {
  sim = await startPhloSimulator({ authId: AUTH_ID, authToken: AUTH_TOKEN, phlos: [DEMO_PHLO] });
  // No retries: a body that read as a failure must show here, not be papered over by a second try.
  ({ client } = makeClient(sim.url, { retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 5 } }));
});
afterEach(() => {
  sim.reset();
});
afterAll(async () => {
  await client.close();
  await sim.close();
});

function perform(operation: PhloOperation): Promise<unknown> {
  switch (operation) {
    case 'get_phlo':
      return client.getPhlo(PHLO_ID);
    case 'run_phlo':
      return client.runPhlo(PHLO_ID, {});
    case 'get_run':
      return client.getRun(PHLO_ID, RUN_ID);
    case 'get_multi_party_call':
      return client.getMultiPartyCall(PHLO_ID, NODE_ID);
    case 'call':
    case 'warm_transfer':
    case 'cold_transfer':
      return client.updateMultiPartyCall(PHLO_ID, NODE_ID, { action: operation, to: CUSTOMER, role: 'customer', trigger_source: ALICE });
    case 'hold':
    case 'unhold':
    case 'hangup':
    case 'resume_call':
    case 'abort_transfer':
    case 'voicemail_drop':
      return client.updateMember(PHLO_ID, NODE_ID, CUSTOMER, operation);
  }
}

describe('the vendor’s documented success bodies', () => {
  it('cover all 13 operations', () => {
    expect(OPERATIONS.filter((op) => bodiesFor(op).length === 0)).toEqual([]);
    expect(new Set(VENDOR_BODIES.flatMap((b) => b.operations))).toEqual(new Set(OPERATIONS));
  });

  describe.each(OPERATIONS)('%s', (operation) => {
    it.each(bodiesFor(operation).map((b) => [b.source, b] as const))('answered as in %s: a result with its detail', async (_source, vendor) => {
      sim.failNext({ status: vendor.status, body: vendor.body });
      const result = await perform(operation);
      expect(result).toStrictEqual({ ...vendor.expected, status: vendor.status });
      // Exactly one request: nothing was retried or sent twice.
      expect(sim.requests).toHaveLength(1);
    });
  });
});

describe('other 2xx answers to an action', () => {
  it('a non-empty `error` is kept as PHLO’s words; the action still happened', async () => {
    sim.failNext({ status: 201, body: { api_id: 'a-1', error: 'member is already on hold' } });
    await expect(perform('hold')).resolves.toStrictEqual({ apiId: 'a-1', error: 'member is already on hold', status: 201 });
  });

  it('202 with no body: done, no detail', async () => {
    sim.failNext({ status: 202, body: '' });
    await expect(perform('call')).resolves.toStrictEqual({ status: 202 });
  });
});
