/**
 * SIGTERM with clients that never finish their requests: the process still exits 0 within a bounded time,
 * and the action in flight finishes and is recorded.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhloSimulator } from '../../src/plivo/simulator/index.js';
import { appEnv, startAppProcess } from '../support/appProcess.js';
import { startFakeSlack, type FakeSlack } from '../support/fakeSlack.js';
import { postSigned, slashCommandBody } from '../support/slackRequests.js';
import { CHANNEL, CONFIG_YAML, SIGNING_SECRET, startSimulator, TEAM, USERS } from './harness.js';
import { openConnection, slackHead } from './httpRaw.js';

let slack: FakeSlack;
let phlo: PhloSimulator;
let dir: string;

beforeAll(async () => {
  slack = await startFakeSlack({ teamId: TEAM });
  phlo = await startSimulator();
  dir = mkdtempSync(join(tmpdir(), 'phlo-bot-drain-'));
  writeFileSync(join(dir, 'phlo-bot.yml'), CONFIG_YAML);
});
afterAll(async () => {
  await Promise.all([slack.close(), phlo.close()]);
});

describe('SIGTERM with half-sent requests open', () => {
  it('finishes and records the action in flight, closes the half-open connections, and exits 0 in bounded time', async () => {
    const child = startAppProcess(
      appEnv({
        slackApiUrl: slack.apiUrl,
        phloUrl: phlo.url,
        configPath: join(dir, 'phlo-bot.yml'),
        databaseUrl: `sqlite:${join(dir, 'phlo-bot.db')}`,
        phloTimeoutMs: 8000,
      }),
    );
    const port = await child.started();
    phlo.setLatency(1500);
    const res = await postSigned(
      `http://127.0.0.1:${port}/slack/events`,
      slashCommandBody({ text: 'call +14155550177', userId: USERS.alice, channelId: CHANNEL, teamId: TEAM }),
      SIGNING_SECRET,
    );
    expect(res.status).toBe(200);
    await expect.poll(() => phlo.requests.length).toBe(1);

    // One client stops in the middle of its headers; another declares 1000 bytes of body and sends 10.
    const partialHeaders = await openConnection(port);
    await partialHeaders.write('POST /slack/events HTTP/1.1\r\nhost: phlo-bot\r\ncontent-ty');
    const shortBody = await openConnection(port);
    await shortBody.write(slackHead('', { contentLength: 1000 }) + 'payload=%7');
    // An idle keep-alive connection, its request answered.
    const idle = await openConnection(port);
    await idle.write('GET /healthz HTTP/1.1\r\nhost: phlo-bot\r\n\r\n');
    expect((await idle.response()).status).toBe(200);

    const signalled = Date.now();
    child.kill('SIGTERM');
    const { code } = await child.exit;
    const drainMs = Date.now() - signalled;
    phlo.setLatency(0);
    process.stdout.write(`drain with half-open clients: exited ${code} ${drainMs} ms after SIGTERM\n`);

    expect(code).toBe(0);
    // In-flight action (≤ 1.5 s left) plus the 5 s grace, with room for a busy machine.
    expect(drainMs).toBeLessThan(20_000);
    await Promise.all([partialHeaders.closed, shortBody.closed, idle.closed]);
    expect(child.stdout.at(-1)).toContain('"msg":"stopped"');
    expect(slack.callsTo('chat.postMessage').some((c) => String(c.args.text).includes('+14155550177'))).toBe(true);
    const db = new Database(join(dir, 'phlo-bot.db'), { readonly: true });
    const rows = db.prepare("select outcome from actions where action = 'call'").all() as { outcome: string }[];
    db.close();
    expect(rows).toEqual([{ outcome: 'ok' }]);
  });
});
