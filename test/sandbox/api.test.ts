/**
 * The sandbox acts for whoever drives its API, so only its own page may: real HTTP requests from another
 * origin, through another host name (DNS rebinding), or with a body a cross-site form could send are
 * refused and change nothing, while the page's own requests work. Its banner, log and state show no
 * database password.
 */
import { request as httpRequest } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/index.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/start.js';
import { createTestDatabase, type TestDatabase } from '../store/databases.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP request with exactly these headers (fetch would not let a test set Host). */
function send(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => { resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }); });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Collects the app's log lines. */
function logLines(): { lines: string[]; destination: { write(line: string): void } } {
  const lines: string[] = [];
  return { lines, destination: { write: (line: string) => { lines.push(line); } } };
}

function sandboxEnv(extra: Record<string, string> = {}): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'phlo-bot-sandbox-api-'));
  return { PORT: '0', DATABASE_URL: `sqlite:${join(dir, 'sandbox.db')}`, ...extra };
}

const ALICE = 'U0ALICE';
const SUPPORT = 'C0SUPPORT';

describe('the sandbox API on the loopback address', () => {
  let sandbox: RunningSandbox;
  let origin: string;
  let hostHeader: string;
  const log = logLines();

  beforeAll(async () => {
    sandbox = await startSandbox({ source: sandboxEnv(), logDestination: log.destination });
    origin = new URL(sandbox.url).origin;
    hostHeader = new URL(sandbox.url).host;
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  const api = (name: string): string => `${origin}/sandbox/api/${name}`;
  /** A person's message in #support, as the page posts it. */
  const postMessage = (text: string, headers: Record<string, string>): Promise<Answer> =>
    send(api('message'), { method: 'POST', headers, body: JSON.stringify({ user: ALICE, channel: SUPPORT, text }) });
  const messagesInSupport = async (): Promise<string[]> => {
    const state = JSON.parse((await send(`${api('state')}?user=${ALICE}`)).body) as { messages: { channel: string; text?: string }[] };
    return state.messages.filter((m) => m.channel === SUPPORT).map((m) => m.text ?? '');
  };

  it("takes the page's own JSON request, with its Origin and Host", async () => {
    const answer = await postMessage('from the page', { 'content-type': 'application/json', origin });
    expect(answer.status).toBe(200);
    expect(await messagesInSupport()).toContain('from the page');
  });

  it('takes a request with no Origin, and the loopback names for its address', async () => {
    const port = new URL(origin).port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`]) {
      const answer = await postMessage(`via ${host}`, { 'content-type': 'application/json; charset=utf-8', host });
      expect(answer.status).toBe(200);
    }
    expect(await messagesInSupport()).toEqual(expect.arrayContaining([`via localhost:${port}`, `via 127.0.0.1:${port}`]));
  });

  it.each([
    ['another site', { origin: 'http://evil.example' }, 'Origin "http://evil.example" is not this sandbox'],
    ['another port of this machine', { origin: 'http://127.0.0.1:1' }, 'Origin "http://127.0.0.1:1" is not this sandbox'],
    ['a sandboxed frame or a file', { origin: 'null' }, 'Origin "null" is not this sandbox'],
    ['https on the same name', { origin: 'https://127.0.0.1' }, 'is not this sandbox'],
  ])('refuses a JSON request from %s with a 403 and a reason, doing nothing', async (_what, headers, reason) => {
    const answer = await postMessage(`from ${headers.origin}`, { 'content-type': 'application/json', ...headers });
    expect(answer.status).toBe(403);
    expect((JSON.parse(answer.body) as { error: string }).error).toContain(reason);
    expect(await messagesInSupport()).not.toContain(`from ${headers.origin}`);
  });

  it('refuses a request through another host name (DNS rebinding), reading or writing', async () => {
    const port = new URL(origin).port;
    const rebound = { host: `evil.example:${port}` };
    const write = await postMessage('rebound', { 'content-type': 'application/json', ...rebound, origin: `http://evil.example:${port}` });
    expect(write.status).toBe(403);
    expect(write.body).toContain(`Host \\"evil.example:${port}\\" is not this sandbox's address`);
    // Rebinding would let the other site read the conversation too, and load the page.
    expect((await send(`${api('state')}?user=${ALICE}`, { headers: rebound })).status).toBe(403);
    expect((await send(`${origin}/sandbox`, { headers: rebound })).status).toBe(403);
    expect((await send(`${origin}/sandbox`, { headers: { host: `127.0.0.1:${Number(port) + 1}` } })).status).toBe(403);
    expect(await messagesInSupport()).not.toContain('rebound');
    expect(log.lines.some((l) => l.includes('sandbox refused a request from elsewhere'))).toBe(true);
  });

  it.each([
    ['text/plain (a "simple" cross-site fetch)', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['a multipart form', 'multipart/form-data; boundary=x'],
    ['no content type', undefined],
  ])('refuses a body sent as %s with a 415, doing nothing', async (what, type) => {
    const headers: Record<string, string> = { origin, ...(type === undefined ? {} : { 'content-type': type }) };
    const answer = await postMessage(`as ${what}`, headers);
    expect(answer.status).toBe(415);
    expect((JSON.parse(answer.body) as { error: string }).error).toContain('takes only Content-Type: application/json');
    expect(await messagesInSupport()).not.toContain(`as ${what}`);
  });

  it('grants no CORS preflight', async () => {
    const answer = await send(api('message'), {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(answer.status).toBe(403);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves the page so that no other site can frame it', async () => {
    const page = await send(`${origin}/sandbox`, { headers: { host: hostHeader } });
    expect(page.status).toBe(200);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  it('says in its banner that it listens on the loopback address only, and warns of nothing', () => {
    const banner = log.lines.find((l) => l.includes('phlo-bot sandbox:')) ?? '';
    expect(banner).toContain('listening on 127.0.0.1 only');
    expect(banner).toContain('PHLO: simulator');
    expect(log.lines.filter((l) => l.includes('"level":"warn"') && l.includes('no sign-in'))).toEqual([]);
  });
});

describe('the sandbox on another address', () => {
  it('refuses to start with real PHLO credentials, naming HOST and why', async () => {
    const start = startSandbox({ source: sandboxEnv({ HOST: '0.0.0.0', PLIVO_AUTH_ID: 'MAREAL', PLIVO_AUTH_TOKEN: 'real-token' }) });
    await expect(start).rejects.toBeInstanceOf(ConfigError);
    await expect(start).rejects.toThrow(
      /^environment: HOST: 0\.0\.0\.0 is not a loopback address, and with PLIVO_AUTH_ID set anyone who reaches the sandbox could act on the real PHLO/,
    );
  });

  it('without credentials starts, warns that anyone who can reach the port can act, and answers only to its own names', async () => {
    const log = logLines();
    const sandbox = await startSandbox({ source: sandboxEnv({ HOST: '0.0.0.0' }), logDestination: log.destination });
    try {
      const port = new URL(sandbox.url).port;
      const warning = log.lines.find((l) => l.includes('"level":"warn"') && l.includes('no sign-in')) ?? '';
      expect(warning).toContain(`anyone who can reach port ${port} can act as any configured user`);
      const banner = log.lines.find((l) => l.includes('phlo-bot sandbox:')) ?? '';
      expect(banner).toContain(`listening on 0.0.0.0 (set by HOST): anyone who can reach port ${port} can act as any user`);
      // This machine's own addresses name it; another name does not.
      const address = Object.values(networkInterfaces()).flat().find((i) => i?.family === 'IPv4' && !i.internal)?.address ?? '127.0.0.1';
      expect((await send(`http://127.0.0.1:${port}/sandbox`, { headers: { host: `${address}:${port}` } })).status).toBe(200);
      expect((await send(`http://127.0.0.1:${port}/sandbox`, { headers: { host: `evil.example:${port}` } })).status).toBe(403);
    } finally {
      await sandbox.stop();
    }
  });
});

describe('secrets', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await database.drop();
  });

  it('the banner, the log and the state API show no database password', async () => {
    // The test server trusts local connections, so any password opens it.
    const url = new URL(database.url);
    url.password = 'S3cretPw/#?';
    const log = logLines();
    const sandbox = await startSandbox({ source: sandboxEnv({ DATABASE_URL: url.toString() }), logDestination: log.destination });
    try {
      const state = await send(`${new URL(sandbox.url).origin}/sandbox/api/state`);
      const info = (JSON.parse(state.body) as { info: { database: string } }).info;
      expect(info.database).toBe(`postgres://postgres:***@${url.host}${url.pathname}`);
      const banner = log.lines.find((l) => l.includes('phlo-bot sandbox:')) ?? '';
      expect(banner).toContain('postgres://postgres:***@');
      for (const text of [state.body, ...log.lines]) expect(text).not.toContain('S3cret');
    } finally {
      await sandbox.stop();
    }
  });
});
