import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadSettings } from '../../src/config/index.js';
import type { PhloSimulator } from '../../src/plivo/simulator/index.js';
import { startFakeSlack, type FakeSlack } from '../support/fakeSlack.js';
import { socketModeEnv } from '../support/appProcess.js';
import { startSocketModeServer, type SocketModeServer } from '../support/socketModeServer.js';
import { CHANNEL, CONFIG_YAML, messageText, startSimulator, TEAM, USERS } from './harness.js';
import { UNHANDLED_PAYLOADS } from './unhandledPayloads.js';

let slack: FakeSlack;
let socket: SocketModeServer;
let phlo: PhloSimulator;
let app: RunningApp;

beforeAll(async () => {
  slack = await startFakeSlack({ teamId: TEAM });
  socket = await startSocketModeServer();
  slack.setSocketModeUrl(socket.url);
  phlo = await startSimulator();
  const dir = mkdtempSync(join(tmpdir(), 'phlo-bot-socket-'));
  writeFileSync(join(dir, 'phlo-bot.yml'), CONFIG_YAML);
  app = await startApp({
    settings: loadSettings({
      ...socketModeEnv({
        slackApiUrl: slack.apiUrl,
        phloUrl: phlo.url,
        configPath: join(dir, 'phlo-bot.yml'),
        databaseUrl: `sqlite:${join(dir, 'phlo-bot.db')}`,
        phloTimeoutMs: 10_000,
      }),
      LOG_LEVEL: 'silent',
    }),
    slackRetries: 0,
  });
});
afterAll(async () => {
  await app.stop();
  await Promise.all([socket.close(), slack.close(), phlo.close()]);
});

describe('Socket Mode (SLACK_APP_TOKEN set)', () => {
  it('connects through apps.connections.open with the app token, and runs commands sent over the socket', async () => {
    await socket.waitForConnection();
    expect(slack.callsTo('apps.connections.open')[0]?.token).toBe('xapp-1-A0APP-test');
    const ack = await socket.sendSlashCommand({ text: 'call +14155551234', userId: USERS.alice, channelId: CHANNEL, teamId: TEAM });
    expect(ack.envelope_id).toBeTruthy();
    const reply = await slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts !== undefined);
    expect(messageText(reply)).toContain('added `+14155551234` to the call');
    expect(phlo.requests[0]?.body).toMatchObject({ action: 'call', to: '+14155551234' });
  });

  it('runs a workflow step delivered twice (a new envelope, the same payload) once', async () => {
    await socket.waitForConnection();
    const member = '+14155556001';
    const { execution, body } = slack.startFunction('phlo_call', { user: USERS.alice, channel: CHANNEL, to: member });
    const payload = JSON.parse(body) as Record<string, unknown>;
    await socket.sendEnvelope('events_api', payload);
    await socket.sendEnvelope('events_api', payload);
    expect(await slack.waitForFunctionEnd(execution.id)).toMatchObject({ state: 'completed' });
    await socket.sendEnvelope('events_api', payload);
    expect(phlo.requests.filter((r) => JSON.stringify(r.body).includes(member))).toHaveLength(1);
    expect(slack.callsTo('functions.completeSuccess').filter((c) => c.args.function_execution_id === execution.id)).toHaveLength(1);
    expect(slack.callsTo('functions.completeError')).toHaveLength(0);
  });

  // Unacknowledged, an envelope waits at Slack until it times out: the user sees an error, an event comes again.
  it.each(UNHANDLED_PAYLOADS)('acknowledges an envelope nobody handles: $name', async ({ envelope, payload }) => {
    await socket.waitForConnection();
    const before = phlo.requests.length;
    const ack = await socket.sendEnvelope(envelope, payload(), { timeoutMs: 3000 });
    expect(ack.envelope_id).toBeTruthy();
    expect(phlo.requests).toHaveLength(before);
  });

  it('still serves /healthz and /metrics over HTTP', async () => {
    expect((await fetch(`http://127.0.0.1:${app.port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${app.port}/slack/events`, { method: 'POST' })).status).toBe(404);
  });
});
