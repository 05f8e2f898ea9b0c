/**
 * The two servers under load, each its own process so its memory is its own: phlo-bot as `npm start`
 * runs it (the built dist/src/main.js, production log level) and the bare Bolt baseline.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { buildIfStale } from '../../test/support/build.js';
import { AUTH_ID, AUTH_TOKEN, BOT_TOKEN, SIGNING_SECRET } from './fixture.js';

export const ROOT = new URL('../../', import.meta.url).pathname;
const MAIN = join(ROOT, 'dist/src/main.js');

export interface Server {
  name: string;
  pid: number;
  /** Base URL of the Slack endpoint's server. */
  url: string;
  /** phlo-bot's /metrics base URL. */
  metricsUrl?: string;
  /** Every output line so far. */
  lines: string[];
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<number | null>;
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => { resolve(port); });
    });
  });
}

/** VmRSS of a process, in bytes, from /proc. */
export function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (match?.[1] === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

/** `npm run build` when dist is missing or older than src: the benchmark measures the code as it is. */
export const ensureBuilt = buildIfStale;

function watch(name: string, child: ChildProcess, ready: RegExp): { lines: string[]; line: Promise<string> } {
  const lines: string[] = [];
  let found: ((line: string) => void) | undefined;
  const line = new Promise<string>((resolve, reject) => {
    found = resolve;
    child.once('exit', (code) => { reject(new Error(`${name} exited (${String(code)}) before it was ready:\n${lines.slice(-20).join('\n')}`)); });
  });
  const collect = (chunk: Buffer): void => {
    for (const l of chunk.toString('utf8').split('\n')) {
      if (l === '') continue;
      // A long run logs a line per action: keep the last ones only, for a failure's message.
      if (lines.length > 2000) lines.splice(0, 1000);
      lines.push(l);
      if (ready.test(l)) found?.(l);
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return { lines, line };
}

function stopper(child: ChildProcess): () => Promise<number | null> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) { resolve(child.exitCode); return; }
      child.once('exit', (code) => { resolve(code); });
      child.kill('SIGTERM');
    });
}

export interface AppOptions {
  slackApiUrl: string;
  phloUrl: string;
  configPath: string;
  databaseUrl: string;
  phloTimeoutMs?: number;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
}

/** The node flags `npm start` passes (package.json's start script), so the app runs here as it does there. */
export function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts?: { start?: string } };
  const words = (pkg.scripts?.start ?? '').split(/\s+/);
  return words.slice(words.indexOf('node') + 1).filter((w) => w.startsWith('--'));
}

export async function startPhloBot(options: AppOptions): Promise<Server> {
  const metricsPort = await freePort();
  const child = spawn(process.execPath, [...startFlags(), ...(options.nodeArgs ?? []), MAIN], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: options.slackApiUrl,
      PLIVO_AUTH_ID: AUTH_ID,
      PLIVO_AUTH_TOKEN: AUTH_TOKEN,
      PHLO_API_URL: options.phloUrl,
      PHLO_TIMEOUT_MS: String(options.phloTimeoutMs ?? 10_000),
      PHLO_BOT_CONFIG: options.configPath,
      DATABASE_URL: options.databaseUrl,
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: '0',
      METRICS_PORT: String(metricsPort),
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { lines, line } = watch('phlo-bot', child, /phlo-bot started/);
  const { port } = JSON.parse(await line) as { port: number };
  if (child.pid === undefined) throw new Error('phlo-bot has no pid');
  return { name: 'phlo-bot', pid: child.pid, url: `http://127.0.0.1:${port}`, metricsUrl: `http://127.0.0.1:${metricsPort}`, lines, stop: stopper(child) };
}

/** The bare Bolt app, compiled to plain JavaScript first so no TypeScript loader sits in its memory. */
export async function startBareBolt(slackApiUrl: string): Promise<Server> {
  const dir = join(ROOT, '.tmp/bench');
  mkdirSync(dir, { recursive: true });
  const script = join(dir, 'bareBolt.mjs');
  const source = readFileSync(new URL('./bareBolt.ts', import.meta.url), 'utf8');
  writeFileSync(script, transformSync(source, { loader: 'ts', format: 'esm', target: 'node20' }).code);
  const child = spawn(process.execPath, [script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: slackApiUrl, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { lines, line } = watch('bare Bolt', child, /^listening \d+/);
  const port = Number((await line).split(' ')[1]);
  if (child.pid === undefined) throw new Error('bare Bolt has no pid');
  return { name: 'bare Bolt', pid: child.pid, url: `http://127.0.0.1:${port}`, lines, stop: stopper(child) };
}
