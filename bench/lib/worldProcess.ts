/**
 * The world around the app, as its own process so its work never lands in the figures of the app or of
 * the load generator: the Slack stand-in and the PHLO simulator. The benchmark drives it over IPC
 * (bench/lib/world.ts): latency, faults, seeding the call, and what Slack saw.
 */
import { startPhloSimulator, type SimulatedFault } from '../../src/plivo/simulator/index.js';
import { startSlackStandIn, type SlackCall } from '../../src/sandbox/slack/index.js';
import { AGENT_ADDRESS, AUTH_ID, AUTH_TOKEN, NODE_ID, PHLO_ID, TEAM } from './fixture.js';
import type { WorldButton, WorldRequest, WorldSummary } from './world.js';

const slack = await startSlackStandIn({ teamId: TEAM, triggerTtlMs: 0 });
const phlo = await startPhloSimulator({
  authId: AUTH_ID,
  authToken: AUTH_TOKEN,
  phlos: [{ id: PHLO_ID, name: 'Support line', nodes: [{ id: NODE_ID, name: 'Support queue' }] }],
});
const authorization = `Basic ${Buffer.from(`${AUTH_ID}:${AUTH_TOKEN}`).toString('base64')}`;

/** The latency the benchmark asked for; the world's own set-up requests go without it. */
let latencyMs = 0;

/** POSTs each body to its path at the simulator, 50 at a time, with no latency; forgets them after. */
async function direct(posts: readonly { path: string; body: Record<string, string> }[]): Promise<void> {
  phlo.setLatency(0);
  try {
    for (let i = 0; i < posts.length; i += 50) {
      await Promise.all(posts.slice(i, i + 50).map(async ({ path, body }) => {
        const res = await fetch(`${phlo.url}${path}`, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        await res.arrayBuffer();
        if (res.status !== 201) throw new Error(`the simulator answered ${String(res.status)} to ${body.action ?? '?'} on ${path}`);
      }));
    }
  } finally {
    phlo.setLatency(latencyMs);
    phlo.requests.length = 0;
  }
}

const nodePath = `/phlo/${PHLO_ID}/multi_party_call/${NODE_ID}`;

/** Dials the members into the call straight at the simulator, so the actions under test find them there. */
async function seed(members: readonly string[]): Promise<void> {
  await direct(members.map((to) => ({ path: nodePath, body: { action: 'call', to, role: 'customer', trigger_source: AGENT_ADDRESS } })));
}

/** Takes whoever is on hold off it, straight at the simulator; answers how many. */
async function releaseHolds(): Promise<number> {
  const held = phlo.members(PHLO_ID, NODE_ID).filter((m) => m.held && m.state === 'connected');
  await direct(held.map((m) => ({ path: `${nodePath}/members/${encodeURIComponent(m.address)}`, body: { action: 'unhold' } })));
  return held.length;
}

const isReply = (c: SlackCall): boolean => c.method === 'chat.postMessage' && typeof c.args.thread_ts === 'string' && c.status === 200;

function summary(): WorldSummary {
  const calls: Record<string, { ok: number; failed: number }> = {};
  const replyTimes: number[] = [];
  const answerTimes: number[] = [];
  for (const c of slack.calls) {
    const entry = (calls[c.method] ??= { ok: 0, failed: 0 });
    const ok = c.status === 200 && c.response?.ok !== false;
    if (ok) entry.ok += 1;
    else entry.failed += 1;
    if (isReply(c)) replyTimes.push(c.at);
    if (isReply(c) || (ok && c.method === 'chat.postEphemeral')) answerTimes.push(c.at);
  }
  for (const r of slack.responses) answerTimes.push(r.at);
  answerTimes.sort((a, b) => a - b);
  // A top-level post is a call's card when replies hang under it, else an answer in the channel (history).
  const threads = new Set(slack.calls.filter(isReply).map((c) => String(c.args.thread_ts)));
  const channelPosts = slack.calls.filter(
    (c) => c.method === 'chat.postMessage' && c.status === 200 && typeof c.args.thread_ts !== 'string' && !threads.has(String(c.response?.ts)),
  ).length;
  return { calls, replyTimes, answerTimes, channelPosts, responses: slack.responses.length, phloRequests: phlo.requests.length };
}

/** The buttons of the latest thread replies, newest first: what a person on the floor would click next. */
function buttons(limit: number): WorldButton[] {
  const out: WorldButton[] = [];
  const calls = slack.calls;
  for (let i = calls.length - 1; i >= 0 && out.length < limit; i -= 1) {
    const c = calls[i];
    if (c === undefined || !isReply(c)) continue;
    const blocks = Array.isArray(c.args.blocks) ? (c.args.blocks as { type?: string; elements?: { action_id?: string; value?: string }[] }[]) : [];
    for (const block of blocks) {
      if (block.type !== 'actions') continue;
      for (const e of block.elements ?? []) {
        if (typeof e.action_id === 'string' && typeof e.value === 'string') {
          out.push({ actionId: e.action_id, value: e.value, messageTs: String(c.response?.ts), threadTs: String(c.args.thread_ts) });
        }
      }
    }
  }
  return out;
}

let faultTimer: NodeJS.Timeout | undefined;

/** Queues PHLO faults at random, `perSecond` of them, a third each 500, 404 and no answer at all. */
function injectFaults(perSecond: number): void {
  if (faultTimer !== undefined) clearInterval(faultTimer);
  faultTimer = undefined;
  if (perSecond <= 0) return;
  const kinds: SimulatedFault[] = [
    { status: 500, body: { api_id: 'x', error: 'internal server error' } },
    { status: 404, body: { api_id: 'x', error: 'member not found in this multiparty call' } },
    'hang',
  ];
  let n = 0;
  faultTimer = setInterval(() => {
    const kind = kinds[n % kinds.length];
    n += 1;
    if (kind !== undefined) phlo.failNext(kind, { match: (r) => r.method === 'POST' });
  }, 1000 / perSecond);
}

async function handle(request: WorldRequest): Promise<unknown> {
  switch (request.op) {
    case 'info':
      return { slackApiUrl: slack.apiUrl, phloUrl: phlo.url, responseUrl: slack.responseUrl('bench') };
    case 'latency':
      latencyMs = request.ms;
      phlo.setLatency(request.ms);
      return null;
    case 'seed':
      await seed(request.members);
      return null;
    case 'releaseHolds':
      return releaseHolds();
    case 'faults':
      injectFaults(request.perSecond);
      return null;
    case 'summary':
      return summary();
    case 'buttons':
      return buttons(request.limit);
    case 'reset': {
      // Forgets what Slack and PHLO saw (not who is on the call): a long run stays small here.
      slack.reset();
      phlo.requests.length = 0;
      return null;
    }
    case 'close':
      injectFaults(0);
      await Promise.all([slack.close(), phlo.close()]);
      setImmediate(() => process.exit(0));
      return null;
  }
}

process.on('message', (message: { id: number; request: WorldRequest }) => {
  handle(message.request).then(
    (result) => process.send?.({ id: message.id, result }),
    (error: unknown) => process.send?.({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
process.send?.({ ready: true });
