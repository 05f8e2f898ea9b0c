/**
 * SIGTERM in the middle of a burst: 200 signed `/phlo hold` commands, 50 at a time, PHLO answering in
 * 300 ms, the app a real process on a SQLite file. Whatever was acknowledged with a 200 must finish and be
 * on record, and reach PHLO exactly once; whatever the app turned away after the signal must leave no
 * trace; the process exits 0. The counts are printed for the reader.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PhloClient } from '../../src/plivo/index.js';
import type { PhloSimulator } from '../../src/plivo/simulator/index.js';
import { appEnv, startAppProcess } from '../support/appProcess.js';
import { startFakeSlack, type FakeSlack } from '../support/fakeSlack.js';
import { postSigned, slashCommandBody } from '../support/slackRequests.js';
import { AUTH_ID, AUTH_TOKEN, CHANNEL, CONFIG_YAML, NODE_ID, PHLO_ID, SIGNING_SECRET, startSimulator, TEAM, USERS } from './harness.js';

const BURST = 200;
const AT_ONCE = 50;
/** Acks before the signal: well into the burst, well before its end. */
const SIGNAL_AFTER_ACKS = 60;
const PHLO_LATENCY_MS = 300;

let slack: FakeSlack;
let phlo: PhloSimulator;
let dir: string;

beforeAll(async () => {
  slack = await startFakeSlack({ teamId: TEAM });
  phlo = await startSimulator();
  dir = mkdtempSync(join(tmpdir(), 'phlo-bot-drain-load-'));
  // Off: one burst from two people would otherwise be mostly refusals, which is not what this tests.
  writeFileSync(join(dir, 'phlo-bot.yml'), `${CONFIG_YAML}\nrate_limit: off\n`);
});
afterAll(async () => {
  await Promise.all([slack.close(), phlo.close()]);
});

/** Puts every member on the support queue's call, straight through PHLO's API, so each hold can succeed. */
async function dial(members: string[]): Promise<void> {
  const client = new PhloClient({ baseUrl: phlo.url, authId: AUTH_ID, authToken: AUTH_TOKEN, timeoutMs: 10_000, userAgent: 'drain-test' });
  try {
    for (let i = 0; i < members.length; i += AT_ONCE) {
      await Promise.all(
        members.slice(i, i + AT_ONCE).map((to) => client.updateMultiPartyCall(PHLO_ID, NODE_ID, { action: 'call', to, role: 'customer', trigger_source: '+14155550100' })),
      );
    }
  } finally {
    await client.close();
  }
}

type Answer = number | 'refused';

describe('SIGTERM during a burst of 200 holds', () => {
  it('every acknowledged hold finishes, is recorded and reached PHLO once; the ones turned away left nothing; exit 0', async () => {
    const members = Array.from({ length: BURST }, (_, i) => `+1415558${String(i).padStart(4, '0')}`);
    await dial(members);
    const dialRequests = phlo.requests.length;
    phlo.setLatency(PHLO_LATENCY_MS);

    const child = startAppProcess(
      appEnv({
        slackApiUrl: slack.apiUrl,
        phloUrl: phlo.url,
        configPath: join(dir, 'phlo-bot.yml'),
        databaseUrl: `sqlite:${join(dir, 'phlo-bot.db')}`,
        phloTimeoutMs: 15_000,
      }),
    );
    const port = await child.started();
    const url = `http://127.0.0.1:${port}/slack/events`;
    // Warm: the first requests of a fresh process load and compile code, which is not what is measured here.
    const warm = await postSigned(url, slashCommandBody({ text: 'help', userId: USERS.alice, channelId: CHANNEL, teamId: TEAM, responseUrl: slack.responseUrl() }), SIGNING_SECRET);
    expect(warm.status).toBe(200);
    await slack.waitForCall('chat.postEphemeral', () => true, 30_000);
    const started = Date.now();

    // Once the signal is sent, workers hold their next request until the app says it is stopping, so
    // everything sent after that meets a server that has stopped taking connections.
    let acks = 0;
    let signalled: Promise<unknown> | undefined;
    let signalledAt = 0;
    const answers = new Map<string, Answer>();
    const queue = [...members];
    const worker = async (n: number): Promise<void> => {
      for (let member = queue.shift(); member !== undefined; member = queue.shift()) {
        if (signalled !== undefined) await signalled;
        const user = n % 2 === 0 ? USERS.alice : USERS.bob;
        const body = slashCommandBody({ text: `hold ${member}`, userId: user, channelId: CHANNEL, teamId: TEAM, responseUrl: slack.responseUrl() });
        // A slow ack on a busy machine is still an ack: only a refused or cut connection counts as turned away.
        const answer: Answer = await postSigned(url, body, SIGNING_SECRET, { timeoutMs: 60_000 }).then((r) => r.status, () => 'refused' as const);
        answers.set(member, answer);
        if (answer === 200 && ++acks === SIGNAL_AFTER_ACKS) {
          signalledAt = Date.now();
          signalled = child.waitForLine(/stopping: draining/);
          child.kill('SIGTERM');
        }
      }
    };
    await Promise.all(Array.from({ length: AT_ONCE }, (_, n) => worker(n)));
    const { code } = await child.exit;
    const burstMs = signalledAt - started;
    const drainMs = Date.now() - signalledAt;
    phlo.setLatency(0);

    const acked = members.filter((m) => answers.get(m) === 200);
    const turnedAway = members.filter((m) => answers.get(m) !== 200);
    const db = new Database(join(dir, 'phlo-bot.db'), { readonly: true });
    const rows = db.prepare("select member, outcome from actions where action = 'hold'").all() as { member: string; outcome: string }[];
    db.close();
    const holdsSent = phlo.requests.slice(dialRequests).filter((r) => r.method === 'POST' && r.path.includes('/members/'));
    const byOutcome = new Map<string, number>();
    for (const r of rows) byOutcome.set(r.outcome, (byOutcome.get(r.outcome) ?? 0) + 1);
    const outcomes = [...byOutcome].map(([outcome, n]) => `${outcome} ${String(n)}`);
    process.stdout.write(
      `drain under load: ${String(acked.length)} acked with 200, ${String(turnedAway.length)} turned away ` +
        `(${[...new Set(turnedAway.map((m) => String(answers.get(m))))].join(', ')}), ${String(rows.length)} recorded (${outcomes.join(', ')}), ` +
        `${String(holdsSent.length)} holds reached PHLO; exit ${String(code)}; signal ${String(burstMs)} ms into the burst, exit ${String(drainMs)} ms after it\n`,
    );

    // For a failure's reader: what the app logged about any row that is not an acked `ok`, and its warnings.
    const odd = rows.filter((r) => r.outcome !== 'ok' || answers.get(r.member) !== 200).map((r) => r.member);
    const telling = child.lines.filter((l) => odd.some((m) => l.includes(m)) || /"level":(40|50|60)/.test(l));
    if (telling.length > 0) process.stdout.write(`drain under load, the app's lines about the odd rows:\n${telling.join('\n')}\n`);

    expect(code).toBe(0);
    expect(child.stdout.at(-1)).toContain('"msg":"stopped"');
    expect(answers.size).toBe(BURST);
    expect(acked.length).toBeGreaterThanOrEqual(SIGNAL_AFTER_ACKS);
    // Everything sent after the app said it was stopping met a closed door.
    expect(turnedAway.length).toBeGreaterThan(0);
    // Every acknowledged hold: one finished row and one request to PHLO; nothing else.
    expect(rows.map((r) => r.member).sort()).toEqual([...acked].sort());
    expect(rows.filter((r) => r.outcome === 'pending')).toEqual([]);
    expect(holdsSent.map((r) => decodeURIComponent(r.path.split('/').at(-1) ?? '')).sort()).toEqual([...acked].sort());
  });
});
