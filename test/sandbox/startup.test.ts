/**
 * Which start `npm start` makes: the sandbox with no bot token outside production or with --sandbox,
 * a one-line error for a production start missing its token or given a malformed database URL, and a
 * one-line refusal for a sandbox asked to act on the real PHLO beyond this machine.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait.js';

const ROOT = new URL('../../', import.meta.url).pathname;

interface Run {
  output: Promise<{ code: number | null; signal: NodeJS.Signals | null; lines: string[] }>;
  /** Resolves with the first line matching, leaving the app running. */
  line(pattern: RegExp): Promise<string>;
  /** Resolves with the first line matching, then stops the app. */
  untilLine(pattern: RegExp): Promise<string>;
  kill(signal: NodeJS.Signals): void;
}

function run(env: Record<string, string>, args: string[] = []): Run {
  const cwd = mkdtempSync(join(tmpdir(), 'phlo-bot-startup-'));
  // An empty working directory (no phlo-bot.yml, a throwaway ./data): tsx is loaded by its path.
  const tsx = join(ROOT, 'node_modules/tsx/dist/loader.mjs');
  const child = spawn(process.execPath, ['--import', tsx, join(ROOT, 'src/main.ts'), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const collect = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n').filter((l) => l !== '')) {
      lines.push(line);
      for (const w of waiters) if (w.pattern.test(line)) w.resolve(line);
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const output = new Promise<{ code: number | null; signal: NodeJS.Signals | null; lines: string[] }>((resolve) =>
    child.on('exit', (code, signal) => { resolve({ code, signal, lines }); }),
  );
  const line = (pattern: RegExp): Promise<string> =>
    new Promise<string>((resolve, reject) => {
      const found = lines.find((l) => pattern.test(l));
      if (found !== undefined) resolve(found);
      waiters.push({ pattern, resolve });
      void output.then(() => { reject(new Error(`exited before ${pattern}:\n${lines.join('\n')}`)); });
    });
  return {
    output,
    line,
    untilLine: async (pattern) => {
      const found = await line(pattern);
      child.kill('SIGTERM');
      await output;
      return found;
    },
    kill: (signal) => { child.kill(signal); },
  };
}

describe('npm start', () => {
  it('in production, a missing bot token stays a one-line start-up error', async () => {
    const { code, lines } = await run({ NODE_ENV: 'production' }).output;
    expect(code).toBe(2);
    expect(lines).toEqual(['phlo-bot: environment: SLACK_BOT_TOKEN: is not set (the bot token, xoxb-…)']);
  });

  it('with no bot token, starts the sandbox on the loopback address and says where', async () => {
    const line = await run({}).untilLine(/phlo-bot sandbox:/);
    const banner = JSON.parse(line) as { msg: string; url: string; host: string; demo: boolean };
    expect(banner.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sandbox$/);
    expect(banner).toMatchObject({ host: '127.0.0.1', demo: true });
    expect(banner.msg).toBe(`phlo-bot sandbox: ${banner.url} (listening on 127.0.0.1 only; config: demo configuration (no ./phlo-bot.yml); PHLO: simulator)`);
  });

  it('a second Ctrl-C while it drains changes nothing: it finishes the action in flight and ends with status 0', async () => {
    // Under `npm start` one Ctrl-C arrives twice, from the terminal and forwarded by npm.
    const app = run({ PHLO_TIMEOUT_MS: '3000' });
    const banner = JSON.parse(await app.line(/phlo-bot sandbox:/)) as { url: string };
    const api = async (name: string, body: unknown): Promise<unknown> => {
      const res = await fetch(`${banner.url}/api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return res.json();
    };
    // An action held in flight: PHLO does not answer it before the timeout.
    await api('fault', { kind: 'slow' });
    await api('command', { user: 'U0ALICE', channel: 'C0SUPPORT', text: '/phlo transfer warm +14155551234' });
    await waitFor(async () => {
      const state = (await (await fetch(`${banner.url}/api/state`)).json()) as { pendingFault?: string };
      return state.pendingFault === undefined;
    }, { timeoutMs: 20_000, message: 'PHLO never received the request' });
    app.kill('SIGINT');
    await app.line(/"msg":"signal received"/);
    app.kill('SIGINT');
    const { code, signal, lines } = await app.output;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(lines.filter((l) => l.includes('"msg":"signal received"'))).toHaveLength(1);
    expect(lines.some((l) => l.includes('"msg":"stopped"'))).toBe(true);
  });

  it('in production, a malformed DATABASE_URL is one line with its password masked', async () => {
    const { code, lines } = await run({
      NODE_ENV: 'production',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'secret',
      PLIVO_AUTH_ID: 'MAID',
      PLIVO_AUTH_TOKEN: 'tok',
      DATABASE_URL: 'postgres://bot:pa/ss#w?rd@db:5432/phlo',
    }).output;
    expect(code).toBe(2);
    expect(lines).toEqual([
      'phlo-bot: environment: DATABASE_URL: is not a valid URL (postgres://bot:***@db:5432/phlo); percent-encode any / # ? @ : in the user name or password, e.g. %2F for /',
    ]);
  });

  it('--sandbox starts the sandbox even with credentials set, and says that actions reach the real PHLO', async () => {
    const line = await run(
      { SLACK_BOT_TOKEN: 'xoxb-real-looking', SLACK_SIGNING_SECRET: 'secret', PLIVO_AUTH_ID: 'MAID', PLIVO_AUTH_TOKEN: 'tok' },
      ['--sandbox'],
    ).untilLine(/phlo-bot sandbox:/);
    const banner = JSON.parse(line) as { msg: string; host: string; phlo: string };
    expect(banner.host).toBe('127.0.0.1');
    // PHLO credentials given: the sandbox uses the real PHLO API, not the simulator, and says so.
    expect(banner.phlo).toBe('real PHLO API');
    expect(banner.msg).toMatch(/PHLO: the real PHLO API: actions here place and change real calls\)$/);
  });

  it('with real PHLO credentials, refuses in one line to listen beyond this machine', async () => {
    const { code, lines } = await run({ PLIVO_AUTH_ID: 'MAID', PLIVO_AUTH_TOKEN: 'tok', HOST: '0.0.0.0' }).output;
    expect(code).toBe(2);
    expect(lines).toEqual([
      'phlo-bot: environment: HOST: 0.0.0.0 is not a loopback address, and with PLIVO_AUTH_ID set anyone who reaches the sandbox could act on the real PHLO (unset HOST to listen on 127.0.0.1, or unset PLIVO_AUTH_ID to use the simulator)',
    ]);
  });

  it('HOST changes the bind address, with a warning that anyone who reaches the port can act', async () => {
    const line = await run({ HOST: '0.0.0.0' }).untilLine(/phlo-bot sandbox:/);
    const banner = JSON.parse(line) as { msg: string; host: string };
    expect(banner.host).toBe('0.0.0.0');
    expect(banner.msg).toMatch(/listening on 0\.0\.0\.0 \(set by HOST\): anyone who can reach port \d+ can act as any user;/);
  });
});
