/**
 * The app as `npm start` runs it: a real process, its exit code and its first line of output.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startPhloSimulator, type PhloSimulator } from '../../src/plivo/simulator/index.js';
import { startFakeSlack, type FakeSlack } from '../support/fakeSlack.js';
import { postSigned, slashCommandBody } from '../support/slackRequests.js';
import { AUTH_ID, AUTH_TOKEN, BOT_TOKEN, CHANNEL, CONFIG_YAML, NODE_ID, PHLO_ID, SIGNING_SECRET, TEAM, USERS, VIP_NODE_ID } from './harness.js';

const root = new URL('../../', import.meta.url).pathname;

interface Child {
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stdout: string[];
  stderr: string[];
  kill(signal: NodeJS.Signals): void;
  waitForLine(pattern: RegExp): Promise<string>;
}

function startProcess(env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/main.ts')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const collect = (into: string[]) => (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter((l) => l !== '')) {
      into.push(line);
      for (const w of [...waiters]) if (w.pattern.test(line)) w.resolve(line);
    }
  };
  child.stdout.on('data', collect(stdout));
  child.stderr.on('data', collect(stderr));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    exit,
    stdout,
    stderr,
    kill: (signal) => child.kill(signal),
    waitForLine: (pattern) =>
      new Promise((resolve, reject) => {
        const found = [...stdout, ...stderr].find((l) => pattern.test(l));
        if (found !== undefined) return resolve(found);
        waiters.push({ pattern, resolve });
        void exit.then(() => reject(new Error(`exited before ${pattern}: ${[...stdout, ...stderr].join('\n')}`)));
      }),
  };
}

let slack: FakeSlack;
let phlo: PhloSimulator;
let dir: string;
let baseEnv: Record<string, string>;

beforeAll(async () => {
  slack = await startFakeSlack({ teamId: TEAM });
  phlo = await startPhloSimulator({
    authId: AUTH_ID,
    authToken: AUTH_TOKEN,
    phlos: [{ id: PHLO_ID, name: 'Support line', nodes: [{ id: NODE_ID, name: 'Queue' }, { id: VIP_NODE_ID, name: 'VIP' }] }],
  });
  dir = mkdtempSync(join(tmpdir(), 'phlo-bot-process-'));
  writeFileSync(join(dir, 'phlo-bot.yml'), CONFIG_YAML);
  baseEnv = {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    PLIVO_AUTH_ID: AUTH_ID,
    PLIVO_AUTH_TOKEN: AUTH_TOKEN,
    PHLO_API_URL: phlo.url,
    PHLO_TIMEOUT_MS: '8000',
    PHLO_BOT_CONFIG: join(dir, 'phlo-bot.yml'),
    DATABASE_URL: `sqlite:${join(dir, 'phlo-bot.db')}`,
  };
});
afterAll(async () => {
  await Promise.all([slack.close(), phlo.close()]);
});

describe('starting', () => {
  it.each([
    [{ PLIVO_AUTH_TOKEN: '' }, 'phlo-bot: environment: PLIVO_AUTH_TOKEN: is not set'],
    [{ PORT: 'http' }, 'phlo-bot: environment: PORT:'],
    [{ PHLO_BOT_CONFIG: '/nonexistent/phlo-bot.yml' }, 'phlo-bot: /nonexistent/phlo-bot.yml: file not found'],
  ])('refuses a bad setting with one line and a non-zero exit (%#)', async (override, expected) => {
    const child = startProcess({ ...baseEnv, ...override });
    const { code } = await child.exit;
    expect(code).not.toBe(0);
    expect(child.stderr).toHaveLength(1);
    expect(child.stderr[0]).toContain(expected);
  });

  it('refuses a configuration mistake naming the file, the path and the problem', async () => {
    const bad = join(dir, 'bad.yml');
    writeFileSync(bad, CONFIG_YAML.replace('role: agent,', 'role: agnet,'));
    const child = startProcess({ ...baseEnv, PHLO_BOT_CONFIG: bad });
    expect((await child.exit).code).not.toBe(0);
    expect(child.stderr).toEqual([`phlo-bot: ${bad}: users.${USERS.alice}.role: unknown role "agnet" (known: viewer, agent, supervisor)`]);
  });
});

describe('SIGTERM', () => {
  it('stops taking requests, lets the in-flight action finish and be recorded, then exits 0', async () => {
    const child = startProcess(baseEnv);
    const started = await child.waitForLine(/phlo-bot started/);
    const port = (JSON.parse(started) as { port: number }).port;
    phlo.setLatency(1500);
    const res = await postSigned(
      `http://127.0.0.1:${port}/slack/events`,
      slashCommandBody({ text: 'call +14155550123', userId: USERS.alice, channelId: CHANNEL, teamId: TEAM }),
      SIGNING_SECRET,
    );
    expect(res.status).toBe(200);
    await expect.poll(() => phlo.requests.length).toBe(1);
    child.kill('SIGTERM');
    const { code } = await child.exit;
    phlo.setLatency(0);
    expect(code).toBe(0);
    // The action finished after the signal: its reply was posted and its outcome recorded.
    expect(slack.callsTo('chat.postMessage').some((c) => String(c.args.text).includes('+14155550123'))).toBe(true);
    const db = new Database(join(dir, 'phlo-bot.db'), { readonly: true });
    const rows = db.prepare("select outcome from actions where action = 'call'").all() as { outcome: string }[];
    db.close();
    expect(rows).toEqual([{ outcome: 'ok' }]);
  });
});
