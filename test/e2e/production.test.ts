/**
 * The production path: a tree built once, its dependencies installed without the dev ones (no TypeScript,
 * no tsx, no esbuild), and `NODE_ENV=production node dist/src/main.js` starting and serving Slack.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhloSimulator } from '../../src/plivo/simulator/index.js';
import { startFakeSlack, type FakeSlack } from '../support/fakeSlack.js';
import { postSigned, slashCommandBody } from '../support/slackRequests.js';
import { appEnv, startAppProcess } from '../support/appProcess.js';
import { CHANNEL, CONFIG_YAML, SIGNING_SECRET, startSimulator, TEAM, USERS } from './harness.js';

const root = new URL('../../', import.meta.url).pathname;

let slack: FakeSlack;
let phlo: PhloSimulator;
let install: string;
let env: Record<string, string>;

beforeAll(async () => {
  // `npm test` has built dist/ already; run alone, this builds it when the sources are newer.
  expect(spawnSync(process.execPath, [join(root, 'scripts/build-if-stale.mjs')], { stdio: 'inherit' }).status).toBe(0);
  install = mkdtempSync(join(tmpdir(), 'phlo-bot-production-'));
  for (const file of ['package.json', 'package-lock.json']) cpSync(join(root, file), join(install, file));
  cpSync(join(root, 'dist'), join(install, 'dist'), { recursive: true });
  // What `npm ci --omit=dev` leaves, made from this machine's install rather than the registry (offline,
  // and without building better-sqlite3 again): the full tree, with every dev dependency pruned away.
  cpSync(join(root, 'node_modules'), join(install, 'node_modules'), { recursive: true, verbatimSymlinks: true });
  const pruned = spawnSync('npm', ['prune', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: install, encoding: 'utf8' });
  expect(pruned.status, pruned.stderr).toBe(0);
  slack = await startFakeSlack({ teamId: TEAM });
  phlo = await startSimulator();
  writeFileSync(join(install, 'phlo-bot.yml'), CONFIG_YAML);
  env = {
    ...appEnv({
      slackApiUrl: slack.apiUrl,
      phloUrl: phlo.url,
      configPath: join(install, 'phlo-bot.yml'),
      databaseUrl: `sqlite:${join(install, 'data/phlo-bot.db')}`,
      phloTimeoutMs: 5000,
    }),
    NODE_ENV: 'production',
  };
}, 180_000);
afterAll(async () => {
  await Promise.all([slack.close(), phlo.close()]);
});

describe('the built app without dev dependencies', () => {
  it('has none of the build tools installed', () => {
    for (const tool of ['typescript', 'tsx', 'esbuild', 'vitest', 'eslint']) {
      expect(existsSync(join(install, 'node_modules', tool)), tool).toBe(false);
    }
    expect(existsSync(join(install, 'node_modules', '@slack/bolt'))).toBe(true);
  });

  it('starts, answers a signed command, and drains on SIGTERM', async () => {
    const app = startAppProcess(env, { args: ['dist/src/main.js'], cwd: install });
    try {
      const port = await app.started();
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      const res = await postSigned(
        `http://127.0.0.1:${port}/slack/events`,
        slashCommandBody({ text: 'hold +14155550123', userId: USERS.alice, channelId: CHANNEL, teamId: TEAM }),
        SIGNING_SECRET,
      );
      expect(res.status).toBe(200);
      await expect.poll(() => phlo.requests.filter((r) => r.method === 'POST').length, { timeout: 20_000 }).toBe(1);
    } finally {
      app.kill('SIGTERM');
    }
    expect((await app.exit).code).toBe(0);
  });

  it('runs the check as `phlo-bot check`', async () => {
    // Not spawnSync: the stand-ins it reads live in this process and must keep answering.
    const child = spawn(process.execPath, ['dist/src/main.js', 'check'], { cwd: install, env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code, stdout).toBe(0);
    expect(stdout).toContain('ok    PHLO support');
  });
});
