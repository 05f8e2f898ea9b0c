/**
 * The PHLO client against what it could have been: the vendor's `plivo` SDK, bare `undici.request`, and
 * an undici `Agent#request` used the way our client uses it (keep-alive agent, the same headers and
 * Basic auth, a JSON body, the whole answer read and JSON.parse'd). Four operations in turn (get PHLO,
 * run PHLO, a warm transfer, a member hold), 32 in flight, against the PHLO simulator on loopback. The
 * simulator runs in a child process, so the CPU time measured here is the client's alone.
 *
 *   npm run bench                                          # BENCH_ONLY=phloClient for this suite alone
 *   BENCH_PHLO_REQUESTS=400 BENCH_PHLO_ROUNDS=3            # a quick run
 *   BENCH_PHLO_CONCURRENCY=32 BENCH_PHLO_LATENCY_MS=0      # in flight; the simulator's answer delay
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Agent, request as undiciRequest } from 'undici';
import { PhloClient } from '../../src/plivo/index.js';
import { startPhloSimulator } from '../../src/plivo/simulator/index.js';
import { type Figure, ms, perSecond, runSuite } from '../lib/report.js';
import { interleave, median, quantile } from '../lib/stats.js';

const REQUESTS = Number(process.env.BENCH_PHLO_REQUESTS ?? 4000);
const ROUNDS = Number(process.env.BENCH_PHLO_ROUNDS ?? 8);
const CONCURRENCY = Number(process.env.BENCH_PHLO_CONCURRENCY ?? 32);
const LATENCY_MS = Number(process.env.BENCH_PHLO_LATENCY_MS ?? 0);
const SECTION = `PHLO client: 4 operations, ${String(CONCURRENCY)} in flight, simulator on loopback`;

const AUTH_ID = 'MABENCHPHLOCLIENT000';
const AUTH_TOKEN = 'bench-token';
const PHLO_ID = '4c1a9f23-7f56-4879-bb80-db856e1e7701';
const HOLD_NODE = 'hold-node';
const AGENT = '+14155550100';
const CUSTOMER = '+14155551234';
const RECIPIENT = '+14155550177';
const USER_AGENT = 'phlo-bot/bench';
// A warm transfer is refused while one is in progress on its node, so each one in a round gets its own.
const transferNode = (n: number): string => `transfer-node-${String(n)}`;
const TRANSFER_NODES = Math.ceil(REQUESTS / 4);

// --- The simulator, in a child process: this same file, started with PHLO_BENCH_SIMULATOR=1. ---

type ToSimulator = { kind: 'reset' };
type FromSimulator = { kind: 'listening'; url: string } | { kind: 'ready' };

async function simulatorMain(): Promise<void> {
  const nodes = [{ id: HOLD_NODE, name: 'Hold' }];
  for (let n = 0; n < TRANSFER_NODES; n += 1) nodes.push({ id: transferNode(n), name: `Transfer ${String(n)}` });
  const sim = await startPhloSimulator({ authId: AUTH_ID, authToken: AUTH_TOKEN, phlos: [{ id: PHLO_ID, name: 'Bench', nodes }] });
  const seeder = new PhloClient({ baseUrl: sim.url, authId: AUTH_ID, authToken: AUTH_TOKEN, timeoutMs: 10_000, userAgent: USER_AGENT });
  // A fresh state for every contender's round: no transfers in progress, the customer on the hold node's call.
  const reset = async (): Promise<void> => {
    sim.reset();
    sim.setLatency(0);
    await seeder.updateMultiPartyCall(PHLO_ID, HOLD_NODE, { action: 'call', to: CUSTOMER, role: 'customer', trigger_source: AGENT });
    sim.requests.length = 0;
    sim.setLatency(LATENCY_MS);
  };
  const send = (message: FromSimulator): void => { process.send?.(message); };
  // The only message is 'reset'.
  process.on('message', (_message: ToSimulator) => {
    reset().then(() => { send({ kind: 'ready' }); }, (err: unknown) => { console.error(err); process.exit(1); });
  });
  process.on('disconnect', () => { void sim.close().then(() => process.exit(0)); });
  send({ kind: 'listening', url: sim.url });
}

class SimulatorProcess {
  private constructor(private readonly child: ChildProcess, readonly url: string) {}

  static async start(): Promise<SimulatorProcess> {
    const child = fork(fileURLToPath(import.meta.url), [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, PHLO_BENCH_SIMULATOR: '1' },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      child.once('message', (message: FromSimulator) => { if (message.kind === 'listening') resolve(message.url); });
      child.once('exit', (code) => { reject(new Error(`the simulator exited (${String(code)})`)); });
    });
    return new SimulatorProcess(child, url);
  }

  reset(): Promise<void> {
    return new Promise((resolve) => {
      this.child.once('message', () => { resolve(); });
      this.child.send({ kind: 'reset' } satisfies ToSimulator);
    });
  }

  stop(): void {
    this.child.disconnect();
  }
}

// --- The contenders: each performs operation `i % 4` of the mix, the i-th request of a round. ---

type Perform = (i: number) => Promise<void>;

interface Contender {
  perform: Perform;
  close(): Promise<void>;
}

const RUN_PAYLOAD = { from: AGENT, to: CUSTOMER };

/** The four requests as HTTP: method, path under /v1, JSON body. */
function wireRequest(i: number): { method: 'GET' | 'POST'; path: string; body?: string } {
  switch (i % 4) {
    case 0:
      return { method: 'GET', path: `/phlo/${PHLO_ID}` };
    case 1:
      return { method: 'POST', path: `/account/${AUTH_ID}/phlo/${PHLO_ID}`, body: JSON.stringify(RUN_PAYLOAD) };
    case 2:
      return {
        method: 'POST',
        path: `/phlo/${PHLO_ID}/multi_party_call/${transferNode(Math.floor(i / 4))}`,
        body: JSON.stringify({ action: 'warm_transfer', to: RECIPIENT, role: 'agent', trigger_source: AGENT }),
      };
    default:
      return { method: 'POST', path: `/phlo/${PHLO_ID}/multi_party_call/${HOLD_NODE}/members/${CUSTOMER}`, body: JSON.stringify({ action: 'hold' }) };
  }
}

const HEADERS = {
  authorization: `Basic ${Buffer.from(`${AUTH_ID}:${AUTH_TOKEN}`).toString('base64')}`,
  'user-agent': USER_AGENT,
  accept: 'application/json',
};
const JSON_HEADERS = { ...HEADERS, 'content-type': 'application/json' };

function expectSuccess(status: number, body: unknown, what: string): void {
  if (status < 200 || status >= 300 || typeof body !== 'object' || body === null) throw new Error(`${what}: HTTP ${String(status)}`);
}

function phloBot(baseUrl: string): Contender {
  const client = new PhloClient({ baseUrl, authId: AUTH_ID, authToken: AUTH_TOKEN, timeoutMs: 10_000, userAgent: USER_AGENT });
  const perform: Perform = async (i) => {
    switch (i % 4) {
      case 0: await client.getPhlo(PHLO_ID); return;
      case 1: await client.runPhlo(PHLO_ID, RUN_PAYLOAD); return;
      case 2:
        await client.updateMultiPartyCall(PHLO_ID, transferNode(Math.floor(i / 4)), { action: 'warm_transfer', to: RECIPIENT, role: 'agent', trigger_source: AGENT });
        return;
      default: await client.updateMember(PHLO_ID, HOLD_NODE, CUSTOMER, 'hold');
    }
  };
  return { perform, close: () => client.close() };
}

/** An undici Agent used the way our client uses it: keep-alive, timeouts, headers, body read and parsed. */
function agentRequest(baseUrl: string): Contender {
  const url = new URL(baseUrl);
  const agent = new Agent({ headersTimeout: 10_000, bodyTimeout: 10_000, connect: { timeout: 10_000 } });
  const perform: Perform = async (i) => {
    const { method, path, body } = wireRequest(i);
    const res = await agent.request({
      origin: url.origin,
      path: url.pathname + path,
      method,
      headers: body === undefined ? HEADERS : JSON_HEADERS,
      body: body ?? null,
    });
    expectSuccess(res.statusCode, JSON.parse(await res.body.text()), path);
  };
  return { perform, close: () => agent.close() };
}

/** undici's top-level request(url), on its global dispatcher. */
function bareUndici(baseUrl: string): Contender {
  const perform: Perform = async (i) => {
    const { method, path, body } = wireRequest(i);
    const res = await undiciRequest(baseUrl + path, { method, headers: body === undefined ? HEADERS : JSON_HEADERS, body: body ?? null });
    expectSuccess(res.statusCode, JSON.parse(await res.body.text()), path);
  };
  return { perform, close: () => Promise.resolve() };
}

/** The slice of the vendor SDK (plivo 4.79.0, CommonJS, loosely typed) this bench calls. */
type SdkRequest = (method: string, action: string, params?: object) => Promise<{ body: unknown }>;
interface SdkMultiPartyCall {
  warmTransfer(triggerSource: string, to: string, role: string): Promise<unknown>;
  member(address: string): { client: SdkRequest; action: string };
}
interface SdkPhlo {
  client: SdkRequest;
  run(payload: object): Promise<unknown>;
  multiPartyCall(nodeId: string): SdkMultiPartyCall;
}
interface PlivoSdk {
  PhloClient: new (authId: string, authToken: string, options: { url: string; userAgent: string }) => { phlo: (id: string) => SdkPhlo };
}

/**
 * The vendor SDK, pointed at the simulator with its `url` option. Two of its PHLO calls cannot be made
 * as written, so the bench sends those through the SDK's own request function (axios, its auth and
 * key-casing wrapper), with the path the API documents: `phlo.get(id)` asks for `/phlo/{id}/`, with a
 * trailing slash the API (and so the simulator) answers 404, and `member(address).hold()` throws
 * "client is not a function" because the member resource never keeps its client.
 */
function vendorSdk(baseUrl: string): Contender {
  const sdk = createRequire(import.meta.url)('plivo') as PlivoSdk;
  const client = new sdk.PhloClient(AUTH_ID, AUTH_TOKEN, { url: baseUrl, userAgent: USER_AGENT });
  const perform: Perform = async (i) => {
    const phlo = client.phlo(PHLO_ID);
    switch (i % 4) {
      case 0: await phlo.client('GET', `phlo/${PHLO_ID}`); return;
      case 1: await phlo.run(RUN_PAYLOAD); return;
      case 2: await phlo.multiPartyCall(transferNode(Math.floor(i / 4))).warmTransfer(AGENT, RECIPIENT, 'agent'); return;
      default: {
        const member = phlo.multiPartyCall(HOLD_NODE).member(CUSTOMER);
        await member.client('POST', member.action + CUSTOMER, { action: 'hold' });
      }
    }
  };
  return { perform, close: () => Promise.resolve() };
}

// --- One round: REQUESTS requests, CONCURRENCY at a time; throughput, latencies and CPU time. ---

interface Round {
  perSecond: number;
  latenciesMs: number[];
  cpuMicrosPerRequest: number;
}

async function round(sim: SimulatorProcess, contender: Contender): Promise<Round> {
  await sim.reset();
  const latenciesMs: number[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < REQUESTS) {
      const i = next;
      next += 1;
      const started = performance.now();
      await contender.perform(i);
      latenciesMs.push(performance.now() - started);
    }
  };
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { perSecond: REQUESTS / seconds, latenciesMs, cpuMicrosPerRequest: (used.user + used.system) / REQUESTS };
}

const NAMES = { phloBot: 'phlo-bot', agent: 'Agent#request', undici: 'undici.request', sdk: 'plivo SDK' } as const;
type Key = keyof typeof NAMES;

async function main(): Promise<Figure[]> {
  const sim = await SimulatorProcess.start();
  const contenders: Record<Key, Contender> = {
    phloBot: phloBot(sim.url),
    agent: agentRequest(sim.url),
    undici: bareUndici(sim.url),
    sdk: vendorSdk(sim.url),
  };
  try {
    console.log(`${String(REQUESTS)} requests a round, ${String(ROUNDS)} rounds, ${String(CONCURRENCY)} in flight, simulator latency ${String(LATENCY_MS)} ms`);
    // One warm-up round each: JIT, connection pools.
    for (const contender of Object.values(contenders)) await round(sim, contender);
    const runs = (key: Key) => async (): Promise<Round> => {
      const r = await round(sim, contenders[key]);
      console.log(`${NAMES[key]}: ${perSecond(r.perSecond)}, p99 ${ms(quantile(r.latenciesMs, 0.99))}, ${r.cpuMicrosPerRequest.toFixed(0)} µs CPU a request`);
      return r;
    };
    const results = await interleave(ROUNDS, { phloBot: runs('phloBot'), agent: runs('agent'), undici: runs('undici'), sdk: runs('sdk') });
    return figures(results);
  } finally {
    await Promise.all(Object.values(contenders).map((c) => c.close()));
    sim.stop();
  }
}

function figures(results: Record<Key, Round[]>): Figure[] {
  const rate = (key: Key): number => median(results[key].map((r) => r.perSecond));
  const p99 = (key: Key): number => median(results[key].map((r) => quantile(r.latenciesMs, 0.99)));
  const cpu = (key: Key): number => median(results[key].map((r) => r.cpuMicrosPerRequest));
  const micros = (value: number): string => `${value.toFixed(0)} µs`;
  const out: Figure[] = [];
  const target = 0.9;
  const vsAgent = rate('phloBot') / rate('agent');
  out.push({
    section: SECTION,
    figure: 'requests/s vs Agent#request',
    value: perSecond(rate('phloBot')),
    baseline: `${perSecond(rate('agent'))} (Agent#request)`,
    ratio: vsAgent,
    target: `≥ ${String(target)}× Agent#request`,
    met: vsAgent >= target,
  });
  for (const key of ['undici', 'sdk'] as const) {
    out.push({ section: SECTION, figure: `requests/s vs ${NAMES[key]}`, value: perSecond(rate('phloBot')), baseline: `${perSecond(rate(key))} (${NAMES[key]})`, ratio: rate('phloBot') / rate(key) });
  }
  for (const key of ['agent', 'undici', 'sdk'] as const) {
    out.push({ section: SECTION, figure: `p99 vs ${NAMES[key]}`, value: ms(p99('phloBot')), baseline: `${ms(p99(key))} (${NAMES[key]})`, ratio: p99('phloBot') / p99(key) });
  }
  for (const key of ['agent', 'undici', 'sdk'] as const) {
    out.push({ section: SECTION, figure: `CPU a request vs ${NAMES[key]}`, value: micros(cpu('phloBot')), baseline: `${micros(cpu(key))} (${NAMES[key]})`, ratio: cpu('phloBot') / cpu(key) });
  }
  return out;
}

if (process.env.PHLO_BENCH_SIMULATOR === '1') await simulatorMain();
else runSuite(main);
