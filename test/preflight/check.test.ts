/**
 * `phlo-bot check`: before the first agent finds a wrong id in the middle of a call, the operator reads
 * one line per check. The check talks real HTTP to the Slack stand-in and the PHLO simulator.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PhloSimulator } from '../../src/plivo/simulator/index.js';
import { checkCommand } from '../../src/preflight/command.js';
import { startFakeSlack, type FakeSlack } from '../support/fakeSlack.js';
import { appEnv } from '../support/appProcess.js';
import { AUTH_TOKEN, CONFIG_YAML, NODE_ID, PHLO_ID, SALES_PHLO_ID, startSimulator, SURVEY_PHLO_ID, TEAM, VIP_NODE_ID } from '../e2e/harness.js';

let slack: FakeSlack;
let phlo: PhloSimulator;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  slack = await startFakeSlack({ teamId: TEAM });
  phlo = await startSimulator();
  dir = mkdtempSync(join(tmpdir(), 'phlo-bot-check-'));
  writeFileSync(join(dir, 'phlo-bot.yml'), CONFIG_YAML);
  env = appEnv({
    slackApiUrl: slack.apiUrl,
    phloUrl: phlo.url,
    configPath: join(dir, 'phlo-bot.yml'),
    databaseUrl: `sqlite:${join(dir, 'never-opened.db')}`,
    phloTimeoutMs: 5000,
  });
});
afterAll(async () => {
  await Promise.all([slack.close(), phlo.close()]);
});
beforeEach(() => {
  slack.reset();
  phlo.reset();
});

async function check(overrides: Record<string, string> = {}): Promise<{ status: number; lines: string[] }> {
  const lines: string[] = [];
  const status = await checkCommand({ ...env, ...overrides }, (line) => lines.push(line));
  return { status, lines };
}

describe('phlo-bot check', () => {
  it('passes with one line per check when every setting holds, and changes nothing anywhere', async () => {
    const { status, lines } = await check();
    expect(status).toBe(0);
    expect(lines).toEqual([
      `ok    environment and configuration: valid (${join(dir, 'phlo-bot.yml')}, HTTP)`,
      `ok    Slack bot token: belongs to the workspace Fake Team (${TEAM}), as @phlo-bot`,
      `ok    PHLO support (${PHLO_ID}): found: "Support line"`,
      `ok    node queue (${NODE_ID}) of PHLO support: found: multiparty call node "Support queue"`,
      `ok    node vip (${VIP_NODE_ID}) of PHLO support: found: multiparty call node "VIP queue"`,
      `ok    PHLO sales (${SALES_PHLO_ID}): found: "Sales"`,
      `ok    PHLO survey (${SURVEY_PHLO_ID}): found: "Survey"`,
    ]);
    expect(new Set(phlo.requests.map((r) => r.method))).toEqual(new Set(['GET']));
    expect(slack.calls.map((c) => c.method)).toEqual(['auth.test']);
  });

  it('names the alias and id of a node PHLO does not have, and fails', async () => {
    const wrong = '11111111-2222-4333-8444-555555555555';
    const path = join(dir, 'wrong-node.yml');
    writeFileSync(path, CONFIG_YAML.replace(VIP_NODE_ID, wrong));
    const { status, lines } = await check({ PHLO_BOT_CONFIG: path });
    expect(status).toBe(1);
    const failed = lines.filter((l) => l.startsWith('FAIL'));
    expect(failed).toEqual([`FAIL  node vip (${wrong}) of PHLO support: PHLO has no such id (HTTP 404): check the id in the configuration file`]);
  });

  it('says when PHLO refuses the credentials', async () => {
    const { status, lines } = await check({ PLIVO_AUTH_TOKEN: `${AUTH_TOKEN}-wrong` });
    expect(status).toBe(1);
    expect(lines).toContain(`FAIL  PHLO support (${PHLO_ID}): PHLO refused the credentials (HTTP 401): check PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN`);
    // The nodes of a PHLO that cannot be read are not tried one by one.
    expect(lines.some((l) => l.includes('node queue'))).toBe(false);
  });

  it('says when Slack refuses the bot token', async () => {
    slack.failNext('auth.test', { error: 'invalid_auth' }, 5);
    const { status, lines } = await check();
    expect(status).toBe(1);
    expect(lines).toContain('FAIL  Slack bot token: auth.test failed: Slack refused the bot token (invalid_auth): check SLACK_BOT_TOKEN');
  });

  it('says when PHLO cannot be reached', async () => {
    const { status, lines } = await check({ PHLO_API_URL: 'http://127.0.0.1:9/v1', PHLO_TIMEOUT_MS: '1000' });
    expect(status).toBe(1);
    expect(lines.find((l) => l.startsWith(`FAIL  PHLO support`))).toMatch(/PHLO could not be reached \(check PHLO_API_URL and HTTPS_PROXY\)/);
  });

  it('stops at a configuration mistake with the same words as a start, and reads nothing', async () => {
    const path = join(dir, 'bad.yml');
    writeFileSync(path, CONFIG_YAML.replace('role: agent,', 'role: agnet,'));
    const { status, lines } = await check({ PHLO_BOT_CONFIG: path });
    expect(status).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^FAIL {2}environment and configuration: .*unknown role "agnet"/)]);
    expect(slack.calls).toEqual([]);
    expect(phlo.requests).toEqual([]);
  });
});
