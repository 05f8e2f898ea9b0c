/**
 * Slow clients against Slack's own traffic: signed `/phlo help` commands at a steady pace, each on a new
 * connection as a sender that comes now and then opens one, while `SLOW_CLIENTS` clients send a fresh
 * timestamp, a wrong signature and a body of one byte every 0.3 s (half declaring `Content-Length:
 * 1048576`, half chunked), each opening a new connection as soon as the server closes its last one.
 * Rounds with and without them are interleaved. See bench/README.md.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sign } from '../../src/sandbox/slack/signing.js';
import { slashCommandBody } from '../../test/support/slackRequests.js';
import { AGENTS, CHANNEL, configYaml, SIGNING_SECRET, TEAM } from '../lib/fixture.js';
import { ms, runSuite, type Figure } from '../lib/report.js';
import { ensureBuilt, startPhloBot, type Server } from '../lib/servers.js';
import { interleave, median, quantile } from '../lib/stats.js';
import { sleep, startWorld } from '../lib/world.js';

const SLOW_CLIENTS = Number(process.env.SLOW_CLIENTS ?? 8);
const COMMANDS = Number(process.env.SLOW_COMMANDS ?? 100);
const PER_SECOND = Number(process.env.SLOW_COMMANDS_PER_S ?? 20);
const ROUNDS = Number(process.env.SLOW_ROUNDS ?? 3);
/** `headers`: the classic slowloris instead, trickling header lines (cut by node's 10 s headers timeout). */
const HEADERS = process.env.SLOW_PART === 'headers';
const TRICKLE_MS = 300;
const SLACK_ACK_MS = 3000;
/** A slow client's connections per round at most: a bound on the loop, far above what a round allows. */
const MAX_CONNECTIONS_PER_CLIENT = 1000;

const SECTION = `Slow clients: ${COMMANDS} signed /phlo help at ${PER_SECOND}/s, ${SLOW_CLIENTS} clients trickling ${HEADERS ? 'headers' : 'a body'} a byte every 0.3 s`;

interface Round {
  /** Ack time of each command, ms (infinite for one not answered 200). */
  latencies: number[];
  statuses: Record<string, number>;
  /** Commands answered 200 within 3 s of being sent. */
  acked: number;
  /** Connections the slow clients opened, and how many of them were answered 408. */
  slowConnections: number;
  slowAnswered408: number;
}

/** One signed command on a connection of its own: its status ("error" when the connection failed) and time. */
function command(port: number, body: string): Promise<{ status: string; ms: number }> {
  const timestamp = Math.floor(Date.now() / 1000);
  const sent = performance.now();
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1', port, path: '/slack/events', method: 'POST', agent: false,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': sign(SIGNING_SECRET, timestamp, body),
        },
        timeout: 10_000,
      },
      (res) => {
        res.resume();
        res.once('end', () => { resolve({ status: String(res.statusCode), ms: performance.now() - sent }); });
      },
    );
    req.once('timeout', () => { req.destroy(); });
    req.once('error', () => { resolve({ status: 'error', ms: Number.NaN }); });
    req.end(body);
  });
}

/** What a slow client sends at once, and then a byte at a time (cycled). */
function slowRequest(chunked: boolean): { head: string; pattern: string } {
  const timestamp = Math.floor(Date.now() / 1000);
  if (HEADERS) return { head: 'POST /slack/events HTTP/1.1\r\nhost: phlo-bot\r\n', pattern: 'x-a: b\r\n' };
  const head =
    'POST /slack/events HTTP/1.1\r\nhost: phlo-bot\r\ncontent-type: application/x-www-form-urlencoded\r\n' +
    (chunked ? 'transfer-encoding: chunked\r\n' : 'content-length: 1048576\r\n') +
    `x-slack-request-timestamp: ${timestamp}\r\nx-slack-signature: v0=${'b'.repeat(64)}\r\n\r\n`;
  return { head, pattern: chunked ? '1\r\nx\r\n' : 'x' };
}

/** One slow client until `stop.done`: a connection at a time, a byte every 0.3 s, a new one once closed. */
async function slowClient(port: number, chunked: boolean, stop: { done: boolean }, seen: { connections: number; answered408: number }): Promise<void> {
  const { head, pattern } = slowRequest(chunked);
  for (let n = 0; n < MAX_CONNECTIONS_PER_CLIENT && !stop.done; n += 1) {
    seen.connections += 1;
    await new Promise<void>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      let answer = '';
      let sent = 0;
      let timer: NodeJS.Timeout | undefined;
      const tick = (): void => {
        if (stop.done || socket.destroyed) { socket.destroy(); return; }
        socket.write(pattern[sent % pattern.length] ?? '');
        sent += 1;
        timer = setTimeout(tick, TRICKLE_MS);
      };
      socket.once('connect', () => { socket.write(head); timer = setTimeout(tick, TRICKLE_MS); });
      socket.on('data', (chunk: Buffer) => { answer += chunk.toString('latin1'); });
      socket.on('error', () => undefined);
      socket.once('close', () => {
        clearTimeout(timer);
        if (answer.startsWith('HTTP/1.1 408')) seen.answered408 += 1;
        resolve();
      });
    });
    // Refused at once (no room for a connection): try again a little later rather than in a tight loop.
    await sleep(50);
  }
}

async function round(port: number, bodies: readonly string[], slowClients: number): Promise<Round> {
  const stop = { done: false };
  const seen = { connections: 0, answered408: 0 };
  const slow = Array.from({ length: slowClients }, (_, i) => slowClient(port, i % 2 === 1, stop, seen));
  // The slow clients are connected and trickling before the first command.
  if (slowClients > 0) await sleep(500);
  const results: Promise<{ status: string; ms: number }>[] = [];
  const started = performance.now();
  for (const [i, body] of bodies.entries()) {
    const wait = started + (i * 1000) / PER_SECOND - performance.now();
    if (wait > 0) await sleep(wait);
    results.push(command(port, body));
  }
  const answers = await Promise.all(results);
  stop.done = true;
  await Promise.all(slow);
  const statuses: Record<string, number> = {};
  for (const a of answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
  return {
    // A command not acknowledged with a 200 was never acknowledged, however soon it was answered.
    latencies: answers.map((a) => (a.status === '200' ? a.ms : Number.POSITIVE_INFINITY)),
    statuses,
    acked: answers.filter((a) => a.status === '200' && a.ms < SLACK_ACK_MS).length,
    slowConnections: seen.connections,
    slowAnswered408: seen.answered408,
  };
}

async function main(): Promise<Figure[]> {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'phlo-bot-slow-'));
  const world = await startWorld();
  let app: Server | undefined;
  try {
    writeFileSync(join(dir, 'phlo-bot.yml'), configYaml());
    app = await startPhloBot({ slackApiUrl: world.slackApiUrl, phloUrl: world.phloUrl, configPath: join(dir, 'phlo-bot.yml'), databaseUrl: `sqlite:${join(dir, 'phlo-bot.db')}` });
    const port = Number(new URL(app.url).port);
    const bodies = Array.from({ length: COMMANDS }, (_, i) =>
      slashCommandBody({ text: 'help', userId: AGENTS[i % AGENTS.length] ?? '', channelId: CHANNEL, teamId: TEAM, responseUrl: world.responseUrl }),
    );
    // A warm-up round each, not counted.
    await round(port, bodies.slice(0, 20), 0);
    await round(port, bodies.slice(0, 20), SLOW_CLIENTS);
    const rounds = await interleave(ROUNDS, { quiet: () => round(port, bodies, 0), slow: () => round(port, bodies, SLOW_CLIENTS) });
    for (const [name, list] of Object.entries(rounds)) {
      for (const r of list) {
        console.log(`${name}: ${String(r.acked)} of ${String(COMMANDS)} acked within 3 s, statuses ${JSON.stringify(r.statuses)}; slow connections ${String(r.slowConnections)}, answered 408: ${String(r.slowAnswered408)}`);
      }
    }
    const sum = (list: Round[], pick: (r: Round) => number): number => list.reduce((s, r) => s + pick(r), 0);
    const p99 = (list: Round[]): number => median(list.map((r) => quantile(r.latencies, 0.99)));
    const p50 = (list: Round[]): number => median(list.map((r) => quantile(r.latencies, 0.5)));
    // JSON, which carries the figures to the runner, has no infinity.
    const finite = (value: number): number | undefined => (Number.isFinite(value) ? value : undefined);
    const time = (value: number): string => (Number.isFinite(value) ? ms(value) : 'not acknowledged');
    const sent = COMMANDS * ROUNDS;
    const acked = { quiet: sum(rounds.quiet, (r) => r.acked), slow: sum(rounds.slow, (r) => r.acked) };
    const f = (figure: string, rest: Omit<Figure, 'section' | 'figure'>): Figure => ({ section: SECTION, figure, ...rest });
    const none = (value: string): string => `${value} (no slow clients)`;
    return [
      f('commands acknowledged (200) within 3 s', {
        value: `${String(acked.slow)} of ${String(sent)}`, baseline: none(`${String(acked.quiet)} of ${String(sent)}`), ratio: finite(acked.slow / acked.quiet),
        // On a busy machine some acks miss 3 s with no slow client at all: the slow clients must cost none.
        target: 'as many as with none', met: acked.slow >= acked.quiet,
      }),
      f('ack p50', { value: time(p50(rounds.slow)), baseline: none(time(p50(rounds.quiet))), ratio: finite(p50(rounds.slow) / p50(rounds.quiet)) }),
      f('ack p99', {
        value: time(p99(rounds.slow)), baseline: none(time(p99(rounds.quiet))), ratio: finite(p99(rounds.slow) / p99(rounds.quiet)),
        target: '< 3,000 ms', met: p99(rounds.slow) < SLACK_ACK_MS,
      }),
      f('slow connections opened, answered 408', {
        value: `${String(sum(rounds.slow, (r) => r.slowConnections))}, ${String(sum(rounds.slow, (r) => r.slowAnswered408))}`,
      }),
    ];
  } finally {
    await app?.stop();
    await world.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

runSuite(main);
