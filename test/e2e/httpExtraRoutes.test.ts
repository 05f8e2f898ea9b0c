/**
 * Routes owned by others (the sandbox's pages) on the main port: a prefix and everything under it, any
 * method; the app's own routes stay the app's, and a failing route costs one 500, not the process.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type ExtraRoute, type RunningApp } from '../../src/app.js';
import { loadSettings } from '../../src/config/index.js';
import { startFakeSlack, type FakeSlack } from '../support/fakeSlack.js';
import { AUTH_ID, AUTH_TOKEN, BOT_TOKEN, CONFIG_YAML, SIGNING_SECRET, TEAM } from './harness.js';

let app: RunningApp;
let slack: FakeSlack;
let base: string;

const routes: ExtraRoute[] = [
  {
    prefix: '/sandbox',
    handle: (req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`sandbox ${req.method} ${req.url}`);
    },
  },
  {
    prefix: '/broken',
    handle: () => {
      throw new Error('this route is broken');
    },
  },
];

beforeAll(async () => {
  slack = await startFakeSlack({ teamId: TEAM });
  const dir = mkdtempSync(join(tmpdir(), 'phlo-bot-extra-'));
  writeFileSync(join(dir, 'phlo-bot.yml'), CONFIG_YAML);
  app = await startApp({
    settings: loadSettings({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      METRICS_PORT: '0',
      PLIVO_AUTH_ID: AUTH_ID,
      PLIVO_AUTH_TOKEN: AUTH_TOKEN,
      PHLO_API_URL: 'http://127.0.0.1:9/v1',
      PHLO_BOT_CONFIG: join(dir, 'phlo-bot.yml'),
      DATABASE_URL: `sqlite:${join(dir, 'phlo-bot.db')}`,
      LOG_LEVEL: 'silent',
    }),
    extraRoutes: routes,
  });
  base = `http://${app.host}:${app.port}`;
});
afterAll(async () => {
  await app.stop();
  await slack.close();
});

describe('extra routes', () => {
  it.each([
    ['GET', '/sandbox', 200],
    ['POST', '/sandbox/api/command', 200],
    ['DELETE', '/sandbox/x?y=1', 200],
    ['GET', '/sandboxes', 404],
    ['GET', '/healthz', 200],
  ])('%s %s answers %s', async (method, path, status) => {
    const res = await fetch(`${base}${path}`, { method });
    expect(res.status).toBe(status);
    if (path.startsWith('/sandbox/') || path === '/sandbox') expect(await res.text()).toBe(`sandbox ${method} ${path}`);
  });

  it('a route that throws gets a 500 with an error id, and the app serves on', async () => {
    const res = await fetch(`${base}/broken/page`);
    expect(res.status).toBe(500);
    expect(await res.text()).toMatch(/^internal error \([0-9a-f]{8}\)$/);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('the app reports the host it bound and has no metrics listener when METRICS_PORT=0', () => {
    expect(app.host).toBe('127.0.0.1');
    expect(app.metricsPort).toBeUndefined();
  });
});
