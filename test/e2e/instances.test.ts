/**
 * Several instances behind a load balancer: two real app processes on one PostgreSQL database.
 * The same double click reaches both at once: PHLO gets exactly one request, and both users get an answer.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PhloSimulator } from '../../src/plivo/simulator/index.js';
import { appEnv, startAppProcess, type AppProcess } from '../support/appProcess.js';
import { createTestDatabase, type TestDatabase } from '../store/databases.js';
import { startFakeSlack, type FakeSlack } from '../support/fakeSlack.js';
import { blockActionsBody, postSigned, slashCommandBody } from '../support/slackRequests.js';
import { defined } from '../support/matchers.js';
import { buttonsOf, CHANNEL, CONFIG_YAML, messageText, SIGNING_SECRET, startSimulator, TEAM, USERS } from './harness.js';

let slack: FakeSlack;
let phlo: PhloSimulator;
let database: TestDatabase;
let instances: AppProcess[] = [];

beforeAll(async () => {
  slack = await startFakeSlack({ teamId: TEAM });
  phlo = await startSimulator();
  database = await createTestDatabase('postgres');
  const configPath = join(mkdtempSync(join(tmpdir(), 'phlo-bot-instances-')), 'phlo-bot.yml');
  writeFileSync(configPath, CONFIG_YAML);
  const env = appEnv({ slackApiUrl: slack.apiUrl, phloUrl: phlo.url, configPath, databaseUrl: database.url, phloTimeoutMs: 10_000 });
  // Started together: they migrate the fresh database at the same time, as a rolling deploy would.
  instances = [startAppProcess(env), startAppProcess(env)];
});
afterAll(async () => {
  for (const instance of instances) instance.kill('SIGKILL');
  await Promise.all(instances.map((i) => i.exit));
  await Promise.all([slack.close(), phlo.close()]);
  await database.drop();
});

const events = (port: number): string => `http://127.0.0.1:${port}/slack/events`;

it('two instances on one PostgreSQL: the same double click on both reaches PHLO once, and both users get an answer', async () => {
  const ports = await Promise.all(instances.map((i) => i.started()));
  const portA = defined(ports[0], 'the port of instance A');
  const portB = defined(ports[1], 'the port of instance B');
  const member = '+14155558001';
  await postSigned(
    events(portA),
    slashCommandBody({ text: `call ${member}`, userId: USERS.alice, channelId: CHANNEL, teamId: TEAM, responseUrl: slack.responseUrl() }),
    SIGNING_SECRET,
  );
  const reply = await slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts !== undefined && messageText(c).includes(member));
  const hold = buttonsOf(reply).find((b) => b.label.startsWith('Hold '));
  expect(hold).toBeDefined();
  const holdButton = defined(hold, 'the Hold button');

  // PHLO takes a moment, so the two clicks are in flight together whichever instance wins.
  phlo.setLatency(500);
  const click = (user: string) =>
    blockActionsBody({
      userId: user,
      channelId: CHANNEL,
      teamId: TEAM,
      messageTs: String(reply.response?.ts),
      threadTs: String(reply.args.thread_ts),
      actionId: holdButton.actionId,
      value: holdButton.value,
      responseUrl: slack.responseUrl(),
    });
  const acks = await Promise.all([
    postSigned(events(portA), click(USERS.alice), SIGNING_SECRET),
    postSigned(events(portB), click(USERS.bob), SIGNING_SECRET),
  ]);
  expect(acks.map((a) => a.status)).toEqual([200, 200]);

  const result = await slack.waitForCall('chat.postMessage', (c) => messageText(c).includes(`put \`${member}\` on hold`), 30_000);
  const duplicate = await slack.waitForCall('chat.postEphemeral', (c) => messageText(c).includes('not sent to PHLO again'), 30_000);
  expect(phlo.requests.filter((r) => r.path.endsWith(`/members/${member}`))).toHaveLength(1);
  const winner = messageText(result).includes(`<@${USERS.alice}>`) ? USERS.alice : USERS.bob;
  expect(duplicate.args.user).toBe(winner === USERS.alice ? USERS.bob : USERS.alice);
  expect(messageText(duplicate)).toContain('See the first result: <https://fake-team.slack.test/archives/');
  expect(result.args.thread_ts).toBe(reply.args.thread_ts);

  // Both drain and exit cleanly.
  for (const instance of instances) instance.kill('SIGTERM');
  expect((await Promise.all(instances.map((i) => i.exit))).map((e) => e.code)).toEqual([0, 0]);
});
