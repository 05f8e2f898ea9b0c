/**
 * The check as an operator runs it (`phlo-bot check`, a real process and its exit status), and the same
 * reads logged at a production start, where a failure warns but does not stop the app.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhloSimulator } from '../../src/plivo/simulator/index.js';
import { startFakeSlack, type FakeSlack } from '../support/fakeSlack.js';
import { appEnv, startAppProcess } from '../support/appProcess.js';
import { CONFIG_YAML, startSimulator, TEAM, VIP_NODE_ID } from '../e2e/harness.js';

const root = new URL('../../', import.meta.url).pathname;
const WRONG_NODE = '11111111-2222-4333-8444-555555555555';

let slack: FakeSlack;
let phlo: PhloSimulator;
let dir: string;
let env: Record<string, string>;
let wrongNodeConfig: string;

beforeAll(async () => {
  slack = await startFakeSlack({ teamId: TEAM });
  phlo = await startSimulator();
  dir = mkdtempSync(join(tmpdir(), 'phlo-bot-check-cli-'));
  writeFileSync(join(dir, 'phlo-bot.yml'), CONFIG_YAML);
  wrongNodeConfig = join(dir, 'wrong-node.yml');
  writeFileSync(wrongNodeConfig, CONFIG_YAML.replace(VIP_NODE_ID, WRONG_NODE));
  env = appEnv({
    slackApiUrl: slack.apiUrl,
    phloUrl: phlo.url,
    configPath: join(dir, 'phlo-bot.yml'),
    databaseUrl: `sqlite:${join(dir, 'phlo-bot.db')}`,
    phloTimeoutMs: 5000,
  });
});
afterAll(async () => {
  await Promise.all([slack.close(), phlo.close()]);
});

function runCheck(extra: Record<string, string>): Promise<{ code: number | null; stdout: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/main.ts'), 'check'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env, ...extra },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString('utf8'); });
  return new Promise((resolve) => {
    child.on('exit', (code) => { resolve({ code, stdout: out.split('\n').filter((l) => l !== '') }); });
  });
}

describe('phlo-bot check, as a command', () => {
  it('exits 0 with a line per check when everything holds', async () => {
    const { code, stdout } = await runCheck({});
    expect(code).toBe(0);
    expect(stdout.length).toBe(7);
    expect(stdout.every((l) => l.startsWith('ok '))).toBe(true);
  });

  it('exits 1 naming the node PHLO does not have', async () => {
    const { code, stdout } = await runCheck({ PHLO_BOT_CONFIG: wrongNodeConfig });
    expect(code).toBe(1);
    expect(stdout.filter((l) => l.startsWith('FAIL'))).toEqual([expect.stringContaining(`node vip (${WRONG_NODE}) of PHLO support`)]);
  });
});

describe('a production start', () => {
  it('logs the same checks, warns about the failed one, and serves all the same', async () => {
    const app = startAppProcess({ ...env, NODE_ENV: 'production', PHLO_BOT_CONFIG: wrongNodeConfig, DATABASE_URL: `sqlite:${join(dir, 'production.db')}` });
    try {
      const port = await app.started();
      const warning = JSON.parse(await app.waitForLine(/start-up check failed/)) as Record<string, unknown>;
      expect(warning).toMatchObject({ level: 'warn', check: `node vip (${WRONG_NODE}) of PHLO support` });
      await app.waitForLine(/"check":"node queue .*"start-up check passed"/);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      app.kill('SIGTERM');
      expect((await app.exit).code).toBe(0);
    }
  });
});
