/**
 * A `pending` row left by a crash becomes `unknown` at the next start, and a note in its call
 * thread says so and whom to ask. The app is a real process, killed with SIGKILL while PHLO hangs.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhloSimulator } from '../../src/plivo/simulator/index.js';
import { appEnv, startAppProcess, type AppProcess } from '../support/appProcess.js';
import { createTestDatabases, execSql } from '../store/databases.js';
import { startFakeSlack, type FakeSlack } from '../support/fakeSlack.js';
import { postSigned, slashCommandBody } from '../support/slackRequests.js';
import { sleep } from '../support/wait.js';
import { CHANNEL, CONFIG_YAML, messageText, SIGNING_SECRET, startSimulator, TEAM, USERS } from './harness.js';

const databases = await createTestDatabases();
let slack: FakeSlack;
let phlo: PhloSimulator;
let configPath: string;
const running = new Set<AppProcess>();

beforeAll(async () => {
  slack = await startFakeSlack({ teamId: TEAM });
  phlo = await startSimulator();
  configPath = join(mkdtempSync(join(tmpdir(), 'phlo-bot-crash-')), 'phlo-bot.yml');
  writeFileSync(configPath, CONFIG_YAML);
});
afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  await Promise.all([...running].map((c) => c.exit));
  await Promise.all([slack.close(), phlo.close(), ...databases.map((d) => d.drop())]);
});

function start(databaseUrl: string, phloTimeoutMs: number): AppProcess {
  const child = startAppProcess(appEnv({ slackApiUrl: slack.apiUrl, phloUrl: phlo.url, configPath, databaseUrl, phloTimeoutMs }));
  running.add(child);
  void child.exit.then(() => running.delete(child));
  return child;
}

const command = (port: number, text: string) =>
  postSigned(
    `http://127.0.0.1:${port}/slack/events`,
    slashCommandBody({ text, userId: USERS.alice, channelId: CHANNEL, teamId: TEAM, responseUrl: slack.responseUrl() }),
    SIGNING_SECRET,
  );

describe.each(databases)('killed mid-action on $name', (database) => {
  it('the pending action becomes unknown at the next start, and its thread is told whom to ask', async () => {
    phlo.reset();
    slack.reset();
    const member = database.name === 'sqlite' ? '+14155557001' : '+14155557002';
    // A long timeout: the first process must still be waiting on PHLO when it is killed.
    const first = start(database.url, 30_000);
    const port = await first.started();
    await command(port, `call ${member}`);
    const callReply = await slack.waitForCall(
      'chat.postMessage',
      (c) => c.args.thread_ts !== undefined && messageText(c).includes(member),
      30_000,
    );
    const threadTs = String(callReply.args.thread_ts);

    phlo.failNext('hang');
    await command(port, `hold ${member}`);
    await expect.poll(() => phlo.requests.filter((r) => r.path.endsWith(`/members/${member}`)).length, { timeout: 30_000 }).toBe(1);
    first.kill('SIGKILL');
    expect((await first.exit).signal).toBe('SIGKILL');

    const holdRow = async () =>
      (await execSql(database.url, "SELECT id, outcome, thread_ts, created_at FROM actions WHERE action = 'hold' AND member = '" + member + "'"))[0];
    const pending = await holdRow();
    expect(pending).toMatchObject({ outcome: 'pending', thread_ts: threadTs });
    // On PostgreSQL another instance could still own a recent row; the restarted app sweeps again
    // once the row is older than the time an action may take, so the note comes either way.
    const restartTimeoutMs = 500;
    await sleep(Math.max(0, Number(pending?.created_at) + restartTimeoutMs + 50 - Date.now()));

    const second = start(database.url, restartTimeoutMs);
    await second.started();
    const note = await slack.waitForCall(
      'chat.postMessage',
      (c) => c.args.thread_ts === threadTs && messageText(c).includes('outcome is unknown'),
      30_000,
    );
    expect(messageText(note)).toContain(`<@${USERS.alice}>'s request to put \`${member}\` on hold was in progress`);
    expect(messageText(note)).toContain(`<@${USERS.alice}>, please check the call`);
    expect(await holdRow()).toMatchObject({ id: pending?.id, outcome: 'unknown' });
    // PHLO was not asked again: only a person can tell whether the hold happened.
    expect(phlo.requests.filter((r) => r.path.endsWith(`/members/${member}`))).toHaveLength(1);

    second.kill('SIGTERM');
    expect((await second.exit).code).toBe(0);
  });
});
