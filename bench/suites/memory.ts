/**
 * Memory over time: phlo-bot's RSS at start, after 10,000 and after 50,000 actions, against a Bolt app
 * that only acks given the same commands. The load is bounded: bursts of 2,000 commands (50 in flight),
 * each finished (every reply seen at Slack) before the next; they alternate hold and unhold on the same
 * 2,000 members of one call, so the call's card stays the size of a busy call and no action is folded
 * as a duplicate. See bench/README.md for the knobs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { slashCommandBody } from '../../test/support/slackRequests.js';
import { AGENTS, CHANNEL, configYaml, member, TEAM } from '../lib/fixture.js';
import { fire } from '../lib/loadgen.js';
import { rowsByOutcome, total } from '../lib/observe.js';
import { mib, runSuite, type Figure } from '../lib/report.js';
import { ensureBuilt, rssOf, startBareBolt, startFlags, startPhloBot, type Server } from '../lib/servers.js';
import { sleep, startWorld, waitForAnswers } from '../lib/world.js';

const ACTIONS = Number(process.env.MEMORY_ACTIONS ?? 50_000);
const CHECKPOINT = Number(process.env.MEMORY_CHECKPOINT ?? Math.round(ACTIONS / 5));
const BATCH = Math.min(Number(process.env.MEMORY_BATCH ?? 2000), CHECKPOINT);
const IN_FLIGHT = 50;
const LATENCY_MS = Number(process.env.MEMORY_PHLO_LATENCY_MS ?? 50);
/** Node flags for phlo-bot after `npm start`'s own (a later V8 flag wins): to try another heap setting. */
const NODE_ARGS = (process.env.MEMORY_NODE_ARGS ?? '').split(/\s+/).filter((a) => a !== '');
/** A batch may reuse a member's action only after the app's dedup window (5 s) since its last use. */
const DEDUP_WINDOW_MS = 5000;

const SECTION = `Memory: RSS over ${ACTIONS.toLocaleString('en')} actions in bursts of ${BATCH.toLocaleString('en')}`;

function batch(verb: 'hold' | 'unhold', size: number, responseUrl: string): string[] {
  return Array.from({ length: size }, (_, i) =>
    slashCommandBody({ text: `${verb} ${member(i)}`, userId: AGENTS[i % AGENTS.length] ?? '', channelId: CHANNEL, teamId: TEAM, responseUrl }),
  );
}

async function main(): Promise<Figure[]> {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'phlo-bot-memory-'));
  const world = await startWorld();
  const servers: Server[] = [];
  try {
    await world.seed(Array.from({ length: BATCH }, (_, i) => member(i)));
    await world.setLatency(LATENCY_MS);
    writeFileSync(join(dir, 'phlo-bot.yml'), configYaml());
    const dbPath = join(dir, 'phlo-bot.db');
    console.log(`phlo-bot runs with: ${[...startFlags(), ...NODE_ARGS].join(' ') || 'no node flags'}`);
    const app = await startPhloBot({
      slackApiUrl: world.slackApiUrl, phloUrl: world.phloUrl, configPath: join(dir, 'phlo-bot.yml'), databaseUrl: `sqlite:${dbPath}`, nodeArgs: NODE_ARGS,
    });
    const bolt = await startBareBolt(world.slackApiUrl);
    servers.push(app, bolt);
    const start = { app: rssOf(app.pid), bolt: rssOf(bolt.pid) };
    const at: Record<number, { app: number; bolt: number }> = {};
    const lastReply: number[] = [];
    const batches = { hold: batch('hold', BATCH, world.responseUrl), unhold: batch('unhold', BATCH, world.responseUrl) };
    let done = 0;
    for (let k = 0; done < ACTIONS; k += 1) {
      const size = Math.min(BATCH, ACTIONS - done);
      const verb = k % 2 === 0 ? 'hold' : 'unhold';
      const wait = (lastReply[k - 2] ?? 0) + DEDUP_WINDOW_MS + 500 - Date.now();
      if (wait > 0) await sleep(wait);
      await world.reset();
      const bodies = batches[verb].slice(0, size);
      await fire(app.url, bodies, IN_FLIGHT);
      const seen = await waitForAnswers(world, size, 900_000);
      lastReply[k] = Math.max(...seen.answerTimes);
      if (seen.answerTimes.length < size) console.log(`  only ${seen.answerTimes.length} of ${size} answered`);
      await fire(bolt.url, bodies, IN_FLIGHT);
      done += size;
      const rss = { app: rssOf(app.pid), bolt: rssOf(bolt.pid) };
      console.log(`${done} actions: phlo-bot ${mib(rss.app)}, bare Bolt ${mib(rss.bolt)}`);
      if (done === CHECKPOINT || done === ACTIONS) at[done] = rss;
    }
    const rows = total(rowsByOutcome(dbPath));
    const mid = at[CHECKPOINT];
    const end = at[ACTIONS];
    if (mid === undefined || end === undefined) throw new Error('the checkpoints were not reached (MEMORY_CHECKPOINT must be a multiple of the batch)');
    const growth = (end.app - mid.app) / mid.app;
    const f = (figure: string, rest: Omit<Figure, 'section' | 'figure'>): Figure => ({ section: SECTION, figure, ...rest });
    const n = (x: number): string => x.toLocaleString('en');
    return [
      f('RSS at start', { value: mib(start.app), baseline: `${mib(start.bolt)} (bare Bolt)`, ratio: start.app / start.bolt }),
      f(`RSS after ${n(CHECKPOINT)} actions`, { value: mib(mid.app), baseline: `${mib(mid.bolt)} (bare Bolt)`, ratio: mid.app / mid.bolt }),
      f(`RSS after ${n(ACTIONS)} actions`, {
        value: mib(end.app), baseline: `${mib(end.bolt)} (bare Bolt)`, ratio: end.app / end.bolt,
        target: '≤ 1.5× bare Bolt and < 150 MB (143 MiB)', met: end.app <= 1.5 * end.bolt && end.app < 150_000_000,
      }),
      f(`RSS growth ${n(CHECKPOINT)} → ${n(ACTIONS)}`, { value: `${(growth * 100).toFixed(1)} %`, target: '< 10 %', met: growth < 0.1 }),
      f('nothing lost: history rows = commands sent', { value: `${n(rows)} of ${n(ACTIONS)}`, target: 'all', met: rows === ACTIONS }),
    ];
  } finally {
    for (const s of servers.reverse()) await s.stop();
    await world.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

runSuite(main);
