/**
 * A support floor's burst, measured from outside: 2,000 signed `/phlo hold <member>` commands, 50 in
 * flight, all on one call node, PHLO answering in 300 ms; phlo-bot (as `npm start` runs it) against a
 * Bolt app that only acks, in interleaved rounds. The Slack stand-in and the PHLO simulator run in a
 * third process. See bench/README.md for the figures and the knobs.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { slashCommandBody } from '../../test/support/slackRequests.js';
import { topSelfTime } from '../lib/cpuProfile.js';
import { AGENTS, CHANNEL, configYaml, member, rateLimitKeyKnown, TEAM } from '../lib/fixture.js';
import { fire, type Burst } from '../lib/loadgen.js';
import { readApp, rowsByOutcome, total } from '../lib/observe.js';
import { mib, ms, perSecond, runSuite, type Figure } from '../lib/report.js';
import { ensureBuilt, ROOT, rssOf, startBareBolt, startPhloBot, type Server } from '../lib/servers.js';
import { interleave, median, quantile } from '../lib/stats.js';
import { sleep, startWorld, waitForAnswers, type World, type WorldSummary } from '../lib/world.js';

const COUNT = Number(process.env.BURST_COUNT ?? 2000);
const IN_FLIGHT = Number(process.env.BURST_IN_FLIGHT ?? 50);
// Five: consecutive rounds of the same server differ up to 2x here, and a median of three moved with one.
const ROUNDS = Number(process.env.BURST_ROUNDS ?? 5);
const LATENCY_MS = Number(process.env.BURST_PHLO_LATENCY_MS ?? 300);
const CPU_PROFILE = process.env.BURST_CPU_PROFILE === '1';
/** Keep the temporary directory (the app's SQLite file, its config) to look at the rows afterwards. */
const KEEP_DIR = process.env.BURST_KEEP_DIR === '1';
/** A hold repeated on a member within the app's dedup window (5 s) is folded: rounds wait it out. */
const DEDUP_WINDOW_MS = 5000;
/** How long the last outcome may take after the last ack before the round counts as failed. */
const SETTLE_TIMEOUT_MS = Number(process.env.BURST_SETTLE_TIMEOUT_MS ?? 900_000);

const SECTION = `Burst: ${COUNT.toLocaleString('en')} /phlo hold, ${IN_FLIGHT} at a time, PHLO ${LATENCY_MS} ms`;

/** The burst's bodies: member i held by agent i mod 20, every command in the one channel (one call node). */
function commands(responseUrl: string): string[] {
  return Array.from({ length: COUNT }, (_, i) =>
    slashCommandBody({ text: `hold ${member(i)}`, userId: AGENTS[i % AGENTS.length] ?? '', channelId: CHANNEL, teamId: TEAM, responseUrl }),
  );
}

interface Round {
  p50: number;
  p99: number;
  /** The slowest answer among the requests that opened the round's connections. */
  openingMax: number;
  acksPerSecond: number;
  rss: number;
  burst: Burst;
  /** phlo-bot only. */
  endToEndPerSecond?: number;
  eventLoopP99Ms?: number;
  eventLoopMaxMs?: number;
  /** Mean time a PHLO attempt held its slot, and waited in line for it. */
  phloSlotMs?: number;
  phloWaitMs?: number;
  slackCalls?: WorldSummary['calls'];
}

function ackFigures(burst: Burst, pid: number): Round {
  const failed = Object.entries(burst.statuses).filter(([s]) => s !== '200');
  if (failed.length > 0) console.log(`  non-200 answers: ${JSON.stringify(Object.fromEntries(failed))}`);
  if (burst.connectedDuringBurst > 0) console.log(`  ${String(burst.connectedDuringBurst)} connections opened during the timed burst`);
  return {
    openingMax: Math.max(...burst.opening),
    p50: quantile(burst.latencies, 0.5),
    p99: quantile(burst.latencies, 0.99),
    acksPerSecond: COUNT / (burst.elapsedMs / 1000),
    rss: rssOf(pid),
    burst,
  };
}

/** The PHLO client's running totals, from the app's /metrics: attempts and their seconds, sent and in line. */
interface PhloTotals {
  attempts: number;
  sentSeconds: number;
  waits: number;
  waitSeconds: number;
}

async function phloTotals(metricsUrl: string): Promise<PhloTotals> {
  const text = await (await fetch(`${metricsUrl}/metrics`)).text();
  const sum = (name: string): number =>
    [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))].reduce((a, m) => a + Number(m[1]), 0);
  return {
    attempts: sum('phlo_request_duration_seconds_count'),
    sentSeconds: sum('phlo_request_duration_seconds_sum'),
    waits: sum('phlo_request_queue_seconds_count'),
    waitSeconds: sum('phlo_request_queue_seconds_sum'),
  };
}

/**
 * What the PHLO client did in a round: how long an attempt held its slot (from leaving the line to the
 * answer read: PHLO's latency plus whatever kept the app from reading it) and how long one waited in line.
 */
function phloRound(before: PhloTotals, after: PhloTotals): { slotMs: number; waitMs: number; attempts: number } {
  const attempts = after.attempts - before.attempts;
  const waits = after.waits - before.waits;
  return {
    attempts,
    slotMs: ((after.sentSeconds - before.sentSeconds) / attempts) * 1000,
    waitMs: ((after.waitSeconds - before.waitSeconds) / waits) * 1000,
  };
}

let lastReplyAt = 0;

async function phloBotRound(world: World, app: Server, bodies: string[]): Promise<Round> {
  const wait = lastReplyAt + DEDUP_WINDOW_MS + 1000 - Date.now();
  if (wait > 0) await sleep(wait);
  await world.reset();
  const released = await world.releaseHolds();
  if (released > 0) console.log(`  took ${String(released)} members off hold at the simulator first`);
  if (app.metricsUrl === undefined) throw new Error('phlo-bot has no metrics URL');
  await readApp(app.metricsUrl); // resets the event-loop histogram
  const phloBefore = await phloTotals(app.metricsUrl);
  const burst = await fire(app.url, bodies, IN_FLIGHT);
  const round = ackFigures(burst, app.pid);
  const summary = await waitForAnswers(world, COUNT, SETTLE_TIMEOUT_MS);
  const loop = await readApp(app.metricsUrl);
  const phlo = phloRound(phloBefore, await phloTotals(app.metricsUrl));
  const answers = summary.answerTimes;
  if (answers.length < COUNT) console.log(`  only ${answers.length} of ${COUNT} answered within ${SETTLE_TIMEOUT_MS} ms`);
  const privately = answers.length - summary.replyTimes.length;
  if (privately > 0) console.log(`  ${privately} answered privately: the thread post failed (see the Slack calls per action)`);
  // Short of COUNT the figure counts what finished by the timeout, so the shortfall lowers it.
  const finishedAt = answers[Math.min(COUNT, answers.length) - 1] ?? Number.NaN;
  lastReplyAt = finishedAt;
  const endToEndPerSecond = answers.length / ((finishedAt - burst.startedAt) / 1000);
  console.log(
    `  phlo-bot: opening ${ms(round.openingMax)}, ack p50 ${ms(round.p50)} p99 ${ms(round.p99)}, ${perSecond(round.acksPerSecond)} acks, ` +
      `${perSecond(endToEndPerSecond)} finished, loop p99 ${ms(loop.eventLoopP99Ms)} max ${ms(loop.eventLoopMaxMs)}, RSS ${mib(round.rss)}`,
  );
  console.log(
    `  PHLO client: ${String(phlo.attempts)} attempts, each holding its slot ${ms(phlo.slotMs)} on average ` +
      `(PHLO answers in ${ms(LATENCY_MS)}), ${ms(phlo.waitMs)} in line on average`,
  );
  return { ...round, phloSlotMs: phlo.slotMs, phloWaitMs: phlo.waitMs, endToEndPerSecond, eventLoopP99Ms: loop.eventLoopP99Ms, eventLoopMaxMs: loop.eventLoopMaxMs, slackCalls: summary.calls };
}

/**
 * The actions that did not end `ok`, by outcome and cause: the HTTP status PHLO answered, else the
 * client's code in the recorded error (QUEUE_TIMEOUT, ECONNRESET, …), else the error's first words.
 */
function notOk(dbPath: string): { count: number; causes: string } {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare("SELECT outcome, http_status AS status, error FROM actions WHERE outcome <> 'ok'")
      .all() as { outcome: string; status: number | null; error: string | null }[];
    const byCause = new Map<string, number>();
    for (const r of rows) {
      const code = /\(([A-Z][A-Z0-9_]+)\)/.exec(r.error ?? '')?.[1];
      const cause = r.status !== null ? `HTTP ${String(r.status)}` : (code ?? (r.error ?? 'no error').slice(0, 40));
      const key = `${r.outcome}: ${cause}`;
      byCause.set(key, (byCause.get(key) ?? 0) + 1);
    }
    const causes = [...byCause].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n.toLocaleString('en')}`).join(', ');
    return { count: rows.length, causes };
  } finally {
    db.close();
  }
}

async function boltRound(bolt: Server, bodies: string[]): Promise<Round> {
  const round = ackFigures(await fire(bolt.url, bodies, IN_FLIGHT), bolt.pid);
  console.log(`  bare Bolt: opening ${ms(round.openingMax)}, ack p50 ${ms(round.p50)} p99 ${ms(round.p99)}, ${perSecond(round.acksPerSecond)} acks, RSS ${mib(round.rss)}`);
  return round;
}

/** One more burst against a phlo-bot started with --cpu-prof; prints its top self-time functions. */
async function profile(world: World, dir: string, bodies: string[]): Promise<void> {
  // Kept after the run (under .tmp, ignored by git), to open in a profiler.
  const profDir = join(ROOT, '.tmp/bench', `cpu-${Date.now()}`);
  const app = await startPhloBot({
    slackApiUrl: world.slackApiUrl, phloUrl: world.phloUrl, configPath: join(dir, 'phlo-bot.yml'),
    databaseUrl: `sqlite:${join(dir, 'profiled.db')}`, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`],
  });
  await phloBotRound(world, app, bodies);
  await app.stop();
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  if (file === undefined) throw new Error('no .cpuprofile written');
  console.log(`CPU profile of phlo-bot under one burst (${join(profDir, file)}), top self time:`);
  for (const t of topSelfTime(join(profDir, file), 20)) console.log(`  ${(t.share * 100).toFixed(1).padStart(5)} %  ${t.ms.toFixed(0).padStart(6)} ms  ${t.fn}`);
}

async function main(): Promise<Figure[]> {
  ensureBuilt();
  if (!rateLimitKeyKnown()) console.log('note: this build has no rate_limit setting; nothing to turn off');
  const dir = mkdtempSync(join(tmpdir(), 'phlo-bot-burst-'));
  const world = await startWorld();
  const servers: Server[] = [];
  try {
    await world.seed(Array.from({ length: COUNT }, (_, i) => member(i)));
    await world.setLatency(LATENCY_MS);
    writeFileSync(join(dir, 'phlo-bot.yml'), configYaml());
    const dbPath = join(dir, 'phlo-bot.db');
    const app = await startPhloBot({ slackApiUrl: world.slackApiUrl, phloUrl: world.phloUrl, configPath: join(dir, 'phlo-bot.yml'), databaseUrl: `sqlite:${dbPath}` });
    servers.push(app);
    const bolt = await startBareBolt(world.slackApiUrl);
    servers.push(bolt);
    const rssStart = { app: rssOf(app.pid), bolt: rssOf(bolt.pid) };
    console.log(`started: phlo-bot ${mib(rssStart.app)}, bare Bolt ${mib(rssStart.bolt)}`);

    const bodies = commands(world.responseUrl);
    console.log('warm-up round');
    await boltRound(bolt, bodies);
    await phloBotRound(world, app, bodies);
    const rounds = await interleave(ROUNDS, { app: () => phloBotRound(world, app, bodies), bolt: () => boltRound(bolt, bodies) });

    const rows = rowsByOutcome(dbPath);
    const failed = notOk(dbPath);
    const sent = COUNT * (ROUNDS + 1);
    console.log(`history rows by outcome after ${sent} commands: ${JSON.stringify(rows)}`);
    if (failed.count > 0) console.log(`not ok, by cause: ${failed.causes}`);
    if (CPU_PROFILE) await profile(world, dir, bodies);

    const pick = (rs: Round[], f: (r: Round) => number): number => median(rs.map(f));
    const a = rounds.app;
    const b = rounds.bolt;
    const p99 = { app: pick(a, (r) => r.p99), bolt: pick(b, (r) => r.p99) };
    const p50 = { app: pick(a, (r) => r.p50), bolt: pick(b, (r) => r.p50) };
    const acks = { app: pick(a, (r) => r.acksPerSecond), bolt: pick(b, (r) => r.acksPerSecond) };
    const opening = { app: pick(a, (r) => r.openingMax), bolt: pick(b, (r) => r.openingMax) };
    const e2e = pick(a, (r) => r.endToEndPerSecond ?? Number.NaN);
    const rss = { app: Math.max(...a.map((r) => r.rss)), bolt: Math.max(...b.map((r) => r.rss)) };
    const loopP99 = pick(a, (r) => r.eventLoopP99Ms ?? Number.NaN);
    const loopMax = Math.max(...a.map((r) => r.eventLoopMaxMs ?? Number.NaN));
    const last = a[a.length - 1];
    const calls = last?.slackCalls ?? {};
    const bolted = (v: string): string => `${v} (bare Bolt)`;
    const f = (figure: string, rest: Omit<Figure, 'section' | 'figure'>): Figure => ({ section: SECTION, figure, ...rest });
    return [
      f(`opening ${String(IN_FLIGHT)} connections at once: slowest answer`, { value: ms(opening.app), baseline: bolted(ms(opening.bolt)), ratio: opening.app / opening.bolt }),
      f('ack p50', { value: ms(p50.app), baseline: bolted(ms(p50.bolt)), ratio: p50.app / p50.bolt }),
      f('ack p99', { value: ms(p99.app), baseline: bolted(ms(p99.bolt)), ratio: p99.app / p99.bolt, target: '≤ 1.3× bare Bolt', met: p99.app <= 1.3 * p99.bolt }),
      f('acks/s', { value: perSecond(acks.app), baseline: bolted(perSecond(acks.bolt)), ratio: acks.app / acks.bolt, target: '≥ 0.8× bare Bolt', met: acks.app >= 0.8 * acks.bolt }),
      f('actions finished end to end (answers seen at Slack)', { value: perSecond(e2e), target: '≥ 150/s', met: e2e >= 150 }),
      f('RSS before the bursts', { value: mib(rssStart.app), baseline: bolted(mib(rssStart.bolt)), ratio: rssStart.app / rssStart.bolt }),
      f('RSS after the bursts (max of rounds)', {
        value: mib(rss.app), baseline: bolted(mib(rss.bolt)), ratio: rss.app / rss.bolt,
        target: '≤ 1.5× bare Bolt and < 150 MB (143 MiB)', met: rss.app <= 1.5 * rss.bolt && rss.app < 150_000_000,
      }),
      f('event-loop delay p99 during a burst', { value: ms(loopP99) }),
      f('event-loop delay max during a burst', { value: ms(loopMax) }),
      // With PHLO_MAX_CONCURRENCY slots, the line moves at slots ÷ slot time: PHLO's latency is the floor.
      f('PHLO attempt: slot held, mean', {
        value: ms(pick(a, (r) => r.phloSlotMs ?? Number.NaN)), baseline: `${ms(LATENCY_MS)} (PHLO's answer time)`,
        ratio: pick(a, (r) => r.phloSlotMs ?? Number.NaN) / LATENCY_MS,
      }),
      f('PHLO attempt: wait in line, mean', { value: ms(pick(a, (r) => r.phloWaitMs ?? Number.NaN)) }),
      f('nothing lost: history rows = commands sent', { value: `${total(rows)} of ${sent}`, target: 'all', met: total(rows) === sent }),
      // Every hold is of a customer on the call, to a PHLO that answers them all: none should fail.
      f('holds that failed (all rounds, warm-up included)', {
        value: `${failed.count.toLocaleString('en')} of ${sent.toLocaleString('en')}${failed.count > 0 ? ` (${failed.causes})` : ''}`,
        target: '0', met: failed.count === 0,
      }),
      ...Object.entries(calls)
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([method, c]) => f(`Slack ${method} per action`, { value: ((c.ok + c.failed) / COUNT).toFixed(2) + (c.failed > 0 ? ` (${c.failed} failed)` : '') })),
    ];
  } finally {
    for (const s of servers.reverse()) await s.stop();
    await world.close();
    if (KEEP_DIR) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

runSuite(main);
