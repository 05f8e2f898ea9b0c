/**
 * The app as `npm start` runs it: a real process, its exit code and its first line of output.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { PhloSimulator } from '../../src/plivo/simulator/index.js';
import { startFakeSlack, type FakeSlack } from '../support/fakeSlack.js';
import { postSigned, slashCommandBody } from '../support/slackRequests.js';
import { appEnv, startAppProcess as startProcess } from '../support/appProcess.js';
import { CHANNEL, CONFIG_YAML, SIGNING_SECRET, startSimulator, TEAM, USERS } from './harness.js';

let slack: FakeSlack;
let phlo: PhloSimulator;
let dir: string;
let baseEnv: Record<string, string>;

beforeAll(async () => {
  slack = await startFakeSlack({ teamId: TEAM });
  phlo = await startSimulator();
  dir = mkdtempSync(join(tmpdir(), 'phlo-bot-process-'));
  writeFileSync(join(dir, 'phlo-bot.yml'), CONFIG_YAML);
  baseEnv = appEnv({
    slackApiUrl: slack.apiUrl,
    phloUrl: phlo.url,
    configPath: join(dir, 'phlo-bot.yml'),
    databaseUrl: `sqlite:${join(dir, 'phlo-bot.db')}`,
    phloTimeoutMs: 8000,
  });
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
    const text = CONFIG_YAML.replace('role: agent,', 'role: agnet,');
    const line = text.split('\n').findIndex((l) => l.includes('role: agnet')) + 1;
    const column = (text.split('\n')[line - 1] ?? '').indexOf('agnet') + 1;
    expect(child.stderr).toEqual([
      `phlo-bot: ${bad}:${line}:${column}: users.${USERS.alice}.role: unknown role "agnet" (known: viewer, agent, supervisor)`,
    ]);
  });
});

describe('SIGTERM', () => {
  it('stops taking requests, lets the in-flight action finish and be recorded, then exits 0', async () => {
    const child = startProcess(baseEnv);
    const port = await child.started();
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
    // Logs are flushed before the exit: the last line made it out.
    expect(child.stdout.at(-1)).toContain('"msg":"stopped"');
    // The action finished after the signal: its reply was posted and its outcome recorded.
    expect(slack.callsTo('chat.postMessage').some((c) => String(c.args.text).includes('+14155550123'))).toBe(true);
    const db = new Database(join(dir, 'phlo-bot.db'), { readonly: true });
    const rows = db.prepare("select outcome from actions where action = 'call'").all() as { outcome: string }[];
    db.close();
    expect(rows).toEqual([{ outcome: 'ok' }]);
  });
});
