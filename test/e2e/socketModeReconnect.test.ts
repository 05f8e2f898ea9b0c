/**
 * Socket Mode through Slack's own interruptions: its `disconnect` message, a connection cut without a
 * word, and an outage of apps.connections.open. The app reconnects for as long as it takes, says so in its
 * log and metrics, and /healthz fails while no socket has been open for too long, so a process manager
 * restarts an app that truly cannot get back.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadSettings } from '../../src/config/index.js';
import type { PhloSimulator } from '../../src/plivo/simulator/index.js';
import { startFakeSlack, type FakeSlack } from '../support/fakeSlack.js';
import { startSocketModeServer, type SocketModeServer } from '../support/socketModeServer.js';
import { slashCommandPayload } from '../support/slackRequests.js';
import { socketModeEnv, startAppProcess } from '../support/appProcess.js';
import { CHANNEL, CONFIG_YAML, startSimulator, TEAM, USERS } from './harness.js';

let slack: FakeSlack;
let socket: SocketModeServer;
let phlo: PhloSimulator;
let app: RunningApp;
const logs: Record<string, unknown>[] = [];

const DOWN_UNHEALTHY_MS = 1500;

beforeAll(async () => {
  slack = await startFakeSlack({ teamId: TEAM });
  socket = await startSocketModeServer();
  slack.setSocketModeUrl(socket.url);
  phlo = await startSimulator();
  const dir = mkdtempSync(join(tmpdir(), 'phlo-bot-socket-reconnect-'));
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
      LOG_LEVEL: 'info',
    }),
    ephemeralMetricsPort: true,
    // The app's own Web API retries stay short, as in production: they must not shorten the socket's.
    slackRetries: 0,
    socketModeTiming: { reconnectMinMs: 100, reconnectMaxMs: 400, downUnhealthyMs: DOWN_UNHEALTHY_MS },
    logDestination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') logs.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    }),
  });
  await socket.waitForConnection(15_000);
});
afterAll(async () => {
  await app.stop();
  await Promise.all([socket.close(), slack.close(), phlo.close()]);
});

const logged = (msg: string): Record<string, unknown>[] => logs.filter((l) => l.msg === msg);

async function commandWorks(): Promise<void> {
  const before = phlo.requests.length;
  const ack = await socket.sendSlashCommand({ text: 'hold +14155551234', userId: USERS.alice, channelId: CHANNEL, teamId: TEAM });
  expect(ack.envelope_id).toBeTruthy();
  await expect.poll(() => phlo.requests.length, { timeout: 10_000 }).toBe(before + 1);
}

async function metric(name: string): Promise<string> {
  const text = await (await fetch(`http://127.0.0.1:${String(app.metricsPort)}/metrics`)).text();
  return text.split('\n').filter((l) => l.startsWith(name)).join('\n');
}

describe('Socket Mode reconnects', () => {
  it("after Slack's disconnect message, logging Slack's reason", async () => {
    const opened = socket.connectionsOpened;
    socket.requestDisconnect('refresh_requested');
    await expect.poll(() => socket.connectionsOpened, { timeout: 20_000 }).toBe(opened + 1);
    await socket.waitForConnection(10_000);
    expect(logged('Socket Mode disconnected').at(-1)).toMatchObject({ level: 'info', reason: 'refresh_requested' });
    await expect.poll(() => logged('Socket Mode connected').length).toBeGreaterThanOrEqual(2);
    await commandWorks();
    expect(await metric('slack_socket_mode_disconnects_total')).toContain('slack_socket_mode_disconnects_total{reason="refresh_requested"} 1');
  });

  it('after a connection cut without a close frame', async () => {
    const opened = socket.connectionsOpened;
    socket.dropConnections();
    await expect.poll(() => socket.connectionsOpened, { timeout: 20_000 }).toBe(opened + 1);
    await socket.waitForConnection(10_000);
    expect(logged('Socket Mode disconnected').at(-1)).toMatchObject({ level: 'info', reason: 'connection lost' });
    expect(logs.filter((l) => typeof l.msg === 'string' && l.msg.trim() === 'WebSocket error occurred:')).toEqual([]);
    await commandWorks();
  });

  it('after apps.connections.open fails for longer than any retry count, and /healthz says so meanwhile', async () => {
    expect((await fetch(`http://127.0.0.1:${app.port}/healthz`)).status).toBe(200);
    const opened = socket.connectionsOpened;
    const asked = slack.callsTo('apps.connections.open').length;
    // Twenty 503s in a row: the socket library's own policy would have given up after its client's retries.
    slack.failNext('apps.connections.open', { status: 503 }, 20);
    socket.dropConnections();
    await expect
      .poll(async () => (await fetch(`http://127.0.0.1:${app.port}/healthz`)).status, { timeout: 20_000, interval: 200 })
      .toBe(503);
    const unhealthy = (await (await fetch(`http://127.0.0.1:${app.port}/healthz`)).json()) as { status: string; reason: string };
    expect(unhealthy.reason).toMatch(/^no Socket Mode connection to Slack for \d+ s/);
    await expect.poll(() => socket.connectionsOpened, { timeout: 60_000, interval: 250 }).toBe(opened + 1);
    expect(slack.callsTo('apps.connections.open').length - asked).toBeGreaterThanOrEqual(21);
    await socket.waitForConnection(10_000);
    await expect.poll(async () => (await fetch(`http://127.0.0.1:${app.port}/healthz`)).status, { timeout: 5000 }).toBe(200);
    await commandWorks();
    expect(await metric('slack_socket_mode_connected')).toContain('slack_socket_mode_connected 1');
    expect(logged('Socket Mode reconnecting').length).toBeGreaterThan(0);
  });

  it('acts once on an envelope Slack delivers again, however late', async () => {
    await socket.waitForConnection(10_000);
    const before = phlo.requests.length;
    const envelopeId = `env-${String(Date.now())}`;
    const command = slashCommandPayload({ text: 'unhold +14155551234', userId: USERS.alice, channelId: CHANNEL, teamId: TEAM });
    await socket.sendEnvelope('slash_commands', command, { envelopeId });
    await expect.poll(() => phlo.requests.length, { timeout: 10_000 }).toBe(before + 1);
    // Past the 5-second duplicate window of actions: only the delivery's own id can tell it apart.
    await new Promise((resolve) => setTimeout(resolve, 5500));
    await socket.sendEnvelope('slash_commands', command, { envelopeId, retryAttempt: 1 });
    await expect.poll(() => socket.received.filter((m) => (m as { envelope_id?: string }).envelope_id === envelopeId).length).toBe(2);
    await expect.poll(() => logged('redelivered Slack event ignored').some((l) => l.envelopeId === envelopeId)).toBe(true);
    expect(phlo.requests.length).toBe(before + 1);
  });

  it('stops cleanly in the middle of an outage, without waiting for Slack to come back', async () => {
    slack.failNext('apps.connections.open', { status: 503 }, 10_000);
    socket.dropConnections();
    await expect.poll(() => logged('Socket Mode reconnecting').length, { timeout: 20_000 }).toBeGreaterThan(1);
    await app.stop();
    expect(logged('stopped')).toHaveLength(1);
  });
});

describe('Socket Mode under SIGTERM, as a real process', () => {
  it('finishes the action in flight, closes the socket and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'phlo-bot-socket-sigterm-'));
    writeFileSync(join(dir, 'phlo-bot.yml'), CONFIG_YAML);
    const socketEnv = socketModeEnv({
      slackApiUrl: slack.apiUrl,
      phloUrl: phlo.url,
      configPath: join(dir, 'phlo-bot.yml'),
      databaseUrl: `sqlite:${join(dir, 'phlo-bot.db')}`,
      phloTimeoutMs: 8000,
    });
    // The outage of the test before is still queued at the Slack stand-in.
    slack.reset();
    const child = startAppProcess(socketEnv);
    const process_ = { exited: false };
    void child.exit.then(() => { process_.exited = true; });
    try {
      await child.waitForLine(/Socket Mode connected/);
      const opened = socket.connectionCount;
      expect(opened).toBeGreaterThan(0);
      phlo.setLatency(1500);
      const before = phlo.requests.length;
      await socket.sendSlashCommand({ text: 'hold +14155550177', userId: USERS.alice, channelId: CHANNEL, teamId: TEAM });
      await expect.poll(() => phlo.requests.length, { timeout: 10_000 }).toBe(before + 1);
      child.kill('SIGTERM');
      expect((await child.exit).code).toBe(0);
      const reply = await slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts !== undefined && JSON.stringify(c.args).includes('+14155550177'), 10_000);
      expect(JSON.stringify(reply.args)).toContain('on hold');
      await expect.poll(() => socket.connectionCount).toBe(opened - 1);
    } finally {
      phlo.setLatency(0);
      if (!process_.exited) child.kill('SIGKILL');
    }
  });
});
