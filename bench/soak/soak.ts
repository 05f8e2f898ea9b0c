/**
 * `npm run soak` (not in CI): SOAK_MINUTES (10) of mixed commands and button clicks at SOAK_RATE a second
 * against phlo-bot as `npm start` runs it, while PHLO answers slowly and fails now and then (500s, 404s,
 * no answer past PHLO_TIMEOUT_MS). Then it counts: actions sent, acked, answered (seen at the Slack
 * stand-in) and recorded (history rows), outcomes by kind, RSS and event-loop delay over time; prints a
 * table and writes an SVG chart. See bench/README.md.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configYaml, member } from '../lib/fixture.js';
import { openSender } from '../lib/loadgen.js';
import { readApp, rowsByOutcome, total } from '../lib/observe.js';
import { mib, ms, printTable, type Figure } from '../lib/report.js';
import { ensureBuilt, ROOT, rssOf, startPhloBot } from '../lib/servers.js';
import { sleep, startWorld, type World, type WorldButton, type WorldSummary } from '../lib/world.js';
import { svgChart } from './chart.js';
import { nextRequest, POOL, type Kind } from './mix.js';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const RATE = Number(process.env.SOAK_RATE ?? 10);
const MAX_IN_FLIGHT = 20;
const LATENCY_MS = Number(process.env.SOAK_PHLO_LATENCY_MS ?? 300);
const PHLO_TIMEOUT_MS = Number(process.env.SOAK_PHLO_TIMEOUT_MS ?? 2000);
const FAULTS_PER_SECOND = Number(process.env.SOAK_FAULTS_PER_SECOND ?? 0.5);
const SAMPLE_SECONDS = Number(process.env.SOAK_SAMPLE_SECONDS ?? 10);
const SVG_PATH = process.env.SOAK_SVG ?? join(ROOT, '.tmp/bench', `soak-${new Date().toISOString().replace(/[:.]/g, '-')}.svg`);

interface Sample {
  seconds: number;
  sent: number;
  rss: number;
  loopP99Ms: number;
  loopMaxMs: number;
}

/** Everything the app said to someone: thread replies, channel posts, ephemeral answers, response_url posts, forms opened. */
function answered(s: WorldSummary): number {
  return s.replyTimes.length + s.channelPosts + (s.calls['chat.postEphemeral']?.ok ?? 0) + s.responses + (s.calls['views.open']?.ok ?? 0);
}

async function drained(world: World, sent: number, timeoutMs: number): Promise<WorldSummary> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await world.summary();
    if (answered(s) >= sent || Date.now() > deadline) return s;
    await sleep(250);
  }
}

async function main(): Promise<void> {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'phlo-bot-soak-'));
  const world = await startWorld();
  try {
    await world.seed(Array.from({ length: POOL }, (_, i) => member(i)));
    await world.setLatency(LATENCY_MS);
    writeFileSync(join(dir, 'phlo-bot.yml'), configYaml());
    const dbPath = join(dir, 'phlo-bot.db');
    const app = await startPhloBot({
      slackApiUrl: world.slackApiUrl, phloUrl: world.phloUrl, configPath: join(dir, 'phlo-bot.yml'),
      databaseUrl: `sqlite:${dbPath}`, phloTimeoutMs: PHLO_TIMEOUT_MS,
    });
    const metricsUrl = app.metricsUrl ?? '';
    await world.faults(FAULTS_PER_SECOND);
    console.log(`soak: ${MINUTES} min at ${RATE}/s, PHLO ${LATENCY_MS} ms, ${FAULTS_PER_SECOND} faults/s, PHLO_TIMEOUT_MS ${PHLO_TIMEOUT_MS}`);

    const sender = openSender(app.url, MAX_IN_FLIGHT);
    const sentBy: Partial<Record<Kind, number>> = {};
    const statuses: Record<string, number> = {};
    let sent = 0;
    let inFlight = 0;
    let buttons: WorldButton[] = [];
    const samples: Sample[] = [];
    const started = Date.now();
    const endAt = started + MINUTES * 60_000;
    await readApp(metricsUrl); // starts the event-loop histogram afresh
    samples.push({ seconds: 0, sent: 0, rss: rssOf(app.pid), loopP99Ms: 0, loopMaxMs: 0 });

    const sampler = setInterval(() => {
      readApp(metricsUrl).then(
        (r) => {
          const sample = { seconds: (Date.now() - started) / 1000, sent, rss: rssOf(app.pid), loopP99Ms: r.eventLoopP99Ms, loopMaxMs: r.eventLoopMaxMs };
          samples.push(sample);
          console.log(`${sample.seconds.toFixed(0)} s: ${sent} sent, RSS ${mib(sample.rss)}, loop p99 ${ms(sample.loopP99Ms)} max ${ms(sample.loopMaxMs)}`);
        },
        (error: unknown) => { console.error('sample failed', error); },
      );
    }, SAMPLE_SECONDS * 1000);
    const refresher = setInterval(() => {
      world.buttons(40).then((b) => { buttons = b; }, () => undefined);
    }, 2000);

    // Rate-bounded: one request per tick, none while MAX_IN_FLIGHT are unanswered.
    while (Date.now() < endAt) {
      if (inFlight < MAX_IN_FLIGHT) {
        const { kind, body } = nextRequest(buttons, world.responseUrl);
        sent += 1;
        sentBy[kind] = (sentBy[kind] ?? 0) + 1;
        inFlight += 1;
        void sender.post(body).then(({ status }) => {
          statuses[status] = (statuses[status] ?? 0) + 1;
          inFlight -= 1;
        });
      }
      await sleep(1000 / RATE);
    }
    clearInterval(refresher);
    clearInterval(sampler);
    await world.faults(0);
    while (inFlight > 0) await sleep(50);
    await sender.close();
    const seen = await drained(world, sent, 120_000);
    const rows = rowsByOutcome(dbPath);
    const final = await readApp(metricsUrl);
    samples.push({ seconds: (Date.now() - started) / 1000, sent, rss: rssOf(app.pid), loopP99Ms: final.eventLoopP99Ms, loopMaxMs: final.eventLoopMaxMs });
    const exitCode = await app.stop();

    const acked = statuses['200'] ?? 0;
    const section = `Soak: ${MINUTES} min of mixed commands and clicks at ${RATE}/s, PHLO faults ${FAULTS_PER_SECOND}/s`;
    const f = (figure: string, value: string, rest: Partial<Figure> = {}): Figure => ({ section, figure, value, ...rest });
    const history = sentBy.history ?? 0;
    const figures: Figure[] = [
      f('sent', `${sent} (${Object.entries(sentBy).map(([k, n]) => `${k} ${n}`).join(', ')})`),
      f('acked (HTTP 200)', String(acked), { target: '= sent', met: acked === sent }),
      f('answered (seen at Slack)', `${answered(seen)} (thread ${seen.replyTimes.length}, channel ${seen.channelPosts}, ephemeral ${seen.calls['chat.postEphemeral']?.ok ?? 0}, response_url ${seen.responses}, forms ${seen.calls['views.open']?.ok ?? 0})`, { target: '= sent', met: answered(seen) === sent }),
      // /phlo history reads the history; it is no action and writes no row.
      f('recorded (history rows)', `${total(rows)}`, { target: `= sent − history reads (${sent - history})`, met: total(rows) === sent - history }),
      ...Object.entries(rows).sort().map(([outcome, n]) => f(`outcome ${outcome}`, String(n))),
      ...Object.entries(statuses).filter(([s]) => s !== '200').map(([s, n]) => f(`HTTP ${s}`, String(n))),
      f('RSS start → end (max)', `${mib(samples[0]?.rss ?? 0)} → ${mib(samples[samples.length - 1]?.rss ?? 0)} (${mib(Math.max(...samples.map((s) => s.rss)))})`, { target: '< 150 MB (143 MiB)', met: Math.max(...samples.map((s) => s.rss)) < 150_000_000 }),
      f('event-loop delay p99 (worst sample)', ms(Math.max(...samples.map((s) => s.loopP99Ms)))),
      f('event-loop delay max', ms(Math.max(...samples.map((s) => s.loopMaxMs)))),
      f('exit code after SIGTERM', String(exitCode), { target: '0', met: exitCode === 0 }),
    ];
    printTable(figures);
    mkdirSync(join(SVG_PATH, '..'), { recursive: true });
    writeFileSync(SVG_PATH, svgChart(section, [
      { title: 'RSS', unit: 'MiB', series: [{ name: 'phlo-bot RSS', color: '#1f77b4', points: samples.map((s) => [s.seconds, s.rss / 1024 / 1024]) }] },
      { title: 'Event-loop delay (per sample)', unit: 'ms', series: [
        { name: 'p99', color: '#2ca02c', points: samples.map((s) => [s.seconds, s.loopP99Ms]) },
        { name: 'max', color: '#d62728', points: samples.map((s) => [s.seconds, s.loopMaxMs]) },
      ] },
    ]));
    console.log(`\nchart: ${SVG_PATH}`);
    process.exitCode = figures.some((x) => x.met === false) ? 1 : 0;
  } finally {
    await world.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
