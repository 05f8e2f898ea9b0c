/**
 * A busy app: PHLO answers in time, but the app's event loop is blocked (a long synchronous task) until
 * after the request's deadline. When the loop comes back, timers run before the answers that arrived
 * meanwhile are read; the client must read them before it gives up, or it reports a timeout, or a
 * request that never left, although PHLO did its part in time. The simulator runs in a process of its
 * own so it answers while this one is blocked.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PhloClient } from '../../src/plivo/index.js';
import { ALICE, CUSTOMER, NODE_ID, PHLO_ID, makeClient } from './support/fixtures.js';
import { blockLoopUntil, nextRequestSent, startSimulatorElsewhere, type SimulatorElsewhere } from './support/simulatorElsewhere.js';

const SECOND_CUSTOMER = '+14155551235';
let sim: SimulatorElsewhere;
const clients: PhloClient[] = [];

beforeAll(async () => {
  sim = await startSimulatorElsewhere();
  // Both customers on the call, through a client with the generous default timeout.
  const { client } = makeClient(sim.url);
  for (const to of [CUSTOMER, SECOND_CUSTOMER]) {
    await client.updateMultiPartyCall(PHLO_ID, NODE_ID, { action: 'call', to, role: 'customer', trigger_source: ALICE });
  }
  await client.close();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await sim.close();
});

/** A client whose socket to PHLO is already open (a GET, retried if the machine is slow), so a request leaves at once. */
async function warmClient(overrides: Parameters<typeof makeClient>[1]): Promise<ReturnType<typeof makeClient>> {
  const made = makeClient(sim.url, overrides);
  clients.push(made.client);
  await made.client.getPhlo(PHLO_ID);
  return made;
}

const hold = (client: PhloClient, member: string) => client.updateMember(PHLO_ID, NODE_ID, member, 'hold');

describe('an answer that came back while the event loop was blocked', () => {
  it('counts for an attempt whose deadline passed during the block: the hold is done, not a timeout', async () => {
    const timeoutMs = 200;
    const { client, events } = await warmClient({ timeoutMs, retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 } });
    const before = sim.answered();

    const sent = nextRequestSent();
    const held = hold(client, CUSTOMER);
    await sent;
    blockLoopUntil(() => sim.answered() > before, 2 * timeoutMs);

    expect(await held).toMatchObject({ status: 201 });
    expect(events.at(-1)).toMatchObject({ operation: 'hold', status: 201, attempt: 1 });
  });

  it('frees the slot for a request whose wait in line ran out during the block: it is sent, not refused unsent', async () => {
    const maxQueueWaitMs = 200;
    const { client, events } = await warmClient({ maxConcurrency: 1, maxQueueWaitMs });
    const before = sim.answered();

    const sent = nextRequestSent();
    const first = hold(client, CUSTOMER);
    const second = hold(client, SECOND_CUSTOMER);
    expect(client.queueState).toEqual({ inFlight: 1, queued: 1 });
    await sent;
    blockLoopUntil(() => sim.answered() > before, 2 * maxQueueWaitMs);

    const answers = await Promise.all([first, second]);
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    expect(events.slice(-2).map((e) => e.status)).toEqual([201, 201]);
  });
});
