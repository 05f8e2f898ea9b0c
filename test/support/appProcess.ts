/**
 * phlo-bot as a real process (`node --import tsx src/main.ts`), for the tests that kill it, restart it or
 * run two of them on one database. The stand-ins (fake Slack, PHLO simulator) stay in the test process.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { BOT_TOKEN, AUTH_ID, AUTH_TOKEN, SIGNING_SECRET } from '../e2e/harness.js';

const root = new URL('../../', import.meta.url).pathname;

export interface AppProcess {
  pid: number;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Every output line, stdout and stderr interleaved as they came. */
  lines: string[];
  stdout: string[];
  stderr: string[];
  kill(signal: NodeJS.Signals): void;
  /** Resolves with the first output line matching; rejects if the process exits first. */
  waitForLine(pattern: RegExp): Promise<string>;
  /** Waits for "phlo-bot started" and returns the port it bound. */
  started(): Promise<number>;
}

export function appEnv(options: { slackApiUrl: string; phloUrl: string; configPath: string; databaseUrl: string; phloTimeoutMs: number }): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: options.slackApiUrl,
    PORT: '0',
    PLIVO_AUTH_ID: AUTH_ID,
    PLIVO_AUTH_TOKEN: AUTH_TOKEN,
    PHLO_API_URL: options.phloUrl,
    PHLO_TIMEOUT_MS: String(options.phloTimeoutMs),
    PHLO_BOT_CONFIG: options.configPath,
    DATABASE_URL: options.databaseUrl,
    HOST: '127.0.0.1',
    // Off: tests run several processes at once, and they cannot all take 9464.
    METRICS_PORT: '0',
  };
}

/** The same in Socket Mode: an app-level token instead of the signing secret. */
export function socketModeEnv(options: Parameters<typeof appEnv>[0]): Record<string, string> {
  const { SLACK_SIGNING_SECRET: _secret, ...env } = appEnv(options);
  return { ...env, SLACK_APP_TOKEN: 'xapp-1-A0APP-test' };
}

export interface AppProcessOptions {
  /** A module loaded before the app, for tests that inject a fault into the process itself. */
  preload?: string;
  /** Node's arguments instead of the sources through tsx: the built app, say (`['dist/src/main.js']`). */
  args?: string[];
  /** Where the process runs; the repository by default. */
  cwd?: string;
}

export function startAppProcess(env: Record<string, string>, options: AppProcessOptions = {}): AppProcess {
  const preload = options.preload === undefined ? [] : ['--import', options.preload];
  const args = options.args ?? ['--import', 'tsx', ...preload, join(root, 'src/main.ts')];
  const child = spawn(process.execPath, args, {
    cwd: options.cwd ?? root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const stdout: string[] = [];
  const stderr: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const collect = (stream: string[]) => (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n').filter((l) => l !== '')) {
      lines.push(line);
      stream.push(line);
      for (const w of [...waiters]) if (w.pattern.test(line)) w.resolve(line);
    }
  };
  child.stdout.on('data', collect(stdout));
  child.stderr.on('data', collect(stderr));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => { resolve({ code, signal }); }),
  );
  const waitForLine = (pattern: RegExp): Promise<string> =>
    new Promise((resolve, reject) => {
      const found = lines.find((l) => pattern.test(l));
      if (found !== undefined) { resolve(found); return; }
      waiters.push({ pattern, resolve });
      void exit.then(() => { reject(new Error(`phlo-bot exited before printing ${pattern}:\n${lines.join('\n')}`)); });
    });
  if (child.pid === undefined) throw new Error('could not spawn phlo-bot');
  return {
    pid: child.pid,
    exit,
    lines,
    stdout,
    stderr,
    kill: (signal) => {
      child.kill(signal);
    },
    waitForLine,
    started: async () => (JSON.parse(await waitForLine(/phlo-bot started/)) as { port: number }).port,
  };
}
