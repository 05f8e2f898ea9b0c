/** HTTPS_PROXY: PHLO calls go through the proxy, and PHLO's credentials stay inside the tunnel. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PhloConnectionError } from '../../src/plivo/index.js';
import { startPhloSimulator, type PhloSimulator } from '../../src/plivo/simulator/index.js';
import { AUTH_ID, AUTH_TOKEN, BASIC, CUSTOMER, DEMO_PHLO, NODE_ID, PHLO_ID, makeClient, rejection } from './support/fixtures.js';
import { startTestProxy, type TestProxy } from './support/proxy.js';

let sim: PhloSimulator;
let proxy: TestProxy;
let simAuthority: string;

beforeAll(async () => {
  sim = await startPhloSimulator({ authId: AUTH_ID, authToken: AUTH_TOKEN, phlos: [DEMO_PHLO] });
  proxy = await startTestProxy();
  simAuthority = new URL(sim.url).host;
});
afterEach(() => {
  sim.reset();
  proxy.tunnels.length = 0;
  proxy.forwarded.length = 0;
});
afterAll(async () => {
  await proxy.close();
  await sim.close();
});

describe('PhloClient with proxyUrl', () => {
  it('sends requests through the proxy', async () => {
    const { client } = makeClient(sim.url, { proxyUrl: proxy.url });
    try {
      await expect(client.getPhlo(PHLO_ID)).resolves.toMatchObject({ phloId: PHLO_ID, name: 'Support line' });
      await client.updateMultiPartyCall(PHLO_ID, NODE_ID, { action: 'call', to: CUSTOMER, role: 'customer', trigger_source: CUSTOMER });
    } finally {
      await client.close();
    }
    const viaProxy = [...proxy.tunnels.map((t) => t.authority), ...proxy.forwarded.map((f) => new URL(f.url).host)];
    expect(viaProxy.length).toBeGreaterThan(0);
    expect(new Set(viaProxy)).toStrictEqual(new Set([simAuthority]));
    expect(sim.requests.map((r) => [r.method, r.path, r.headers.authorization])).toStrictEqual([
      ['GET', `/v1/phlo/${PHLO_ID}`, BASIC],
      ['POST', `/v1/phlo/${PHLO_ID}/multi_party_call/${NODE_ID}`, BASIC],
    ]);
  });

  it('tunnels with CONNECT and never shows PHLO credentials to the proxy', async () => {
    const { client } = makeClient(sim.url, { proxyUrl: proxy.url });
    try {
      await client.getPhlo(PHLO_ID);
    } finally {
      await client.close();
    }
    expect(proxy.tunnels).toHaveLength(1);
    expect(proxy.tunnels[0]?.authority).toBe(simAuthority);
    expect(proxy.tunnels[0]?.headers.authorization).toBeUndefined();
  });

  it('authenticates to the proxy with the credentials in its URL', async () => {
    const withAuth = proxy.url.replace('http://', 'http://proxyuser:proxy%20pass@');
    const { client } = makeClient(sim.url, { proxyUrl: withAuth });
    try {
      await client.getPhlo(PHLO_ID);
    } finally {
      await client.close();
    }
    expect(proxy.tunnels[0]?.headers['proxy-authorization']).toBe(`Basic ${Buffer.from('proxyuser:proxy pass').toString('base64')}`);
  });

  it('a proxy that refuses the tunnel: PhloConnectionError sent=false, so even an action POST is retried', async () => {
    const refusing = await startTestProxy({ refuseWith: 403 });
    const { client, events } = makeClient(sim.url, { proxyUrl: refusing.url });
    try {
      const error = await rejection(client.updateMember(PHLO_ID, NODE_ID, CUSTOMER, 'hold'), PhloConnectionError);
      expect(error).toMatchObject({ sent: false, outcomeKnown: true, attempts: 3 });
      expect(events.map((e) => e.status)).toStrictEqual(['network_error', 'network_error', 'network_error']);
      expect(refusing.tunnels).toHaveLength(3);
      expect(sim.requests).toHaveLength(0);
    } finally {
      await client.close();
      await refusing.close();
    }
  });
});
