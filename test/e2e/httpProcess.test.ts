/**
 * The app as a real process under hostile traffic: it answers, logs without secrets, keeps serving, and
 * its memory stays bounded under a flood of unsigned bodies.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringMatching } from '../support/matchers.js';
import type { PhloSimulator } from '../../src/plivo/simulator/index.js';
import { appEnv, startAppProcess, type AppProcess } from '../support/appProcess.js';
import { startFakeSlack, type FakeSlack } from '../support/fakeSlack.js';
import { postSigned } from '../support/slackRequests.js';
import { CONFIG_YAML, SIGNING_SECRET, startSimulator, TEAM } from './harness.js';
import { openConnection, rawExchange, slackHead } from './httpRaw.js';

let slack: FakeSlack;
let phlo: PhloSimulator;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  slack = await startFakeSlack({ teamId: TEAM });
  phlo = await startSimulator();
  dir = mkdtempSync(join(tmpdir(), 'phlo-bot-http-process-'));
  writeFileSync(join(dir, 'phlo-bot.yml'), CONFIG_YAML);
  env = appEnv({
    slackApiUrl: slack.apiUrl,
    phloUrl: phlo.url,
    configPath: join(dir, 'phlo-bot.yml'),
    databaseUrl: `sqlite:${join(dir, 'phlo-bot.db')}`,
    phloTimeoutMs: 5000,
  });
});
afterAll(async () => {
  await Promise.all([slack.close(), phlo.close()]);
});

async function stopped(child: AppProcess): Promise<number | null> {
  child.kill('SIGTERM');
  return (await child.exit).code;
}

describe('the process under requests that used to end it', () => {
  it('answers them all and is still serving afterwards', async () => {
    const child = startAppProcess(env);
    const port = await child.started();
    const base = `http://127.0.0.1:${port}`;
    expect((await rawExchange(port, 'GET / HTTP/1.1\r\nhost: x\r\nauthorization: Bearer xoxp-probe-secret\r\n\r\n')).status).toBe(404);
    expect((await rawExchange(port, 'GET http://[ HTTP/1.1\r\nhost: x\r\ncookie: session=probe-cookie\r\n\r\n')).status).toBe(400);
    expect((await rawExchange(port, 'OPTIONS * HTTP/1.1\r\nhost: x\r\n\r\n')).status).toBe(400);
    expect((await postSigned(`${base}/slack/events`, 'payload=null', SIGNING_SECRET)).status).toBe(400);
    expect((await postSigned(`${base}/slack/events`, 'null', SIGNING_SECRET, { contentType: 'application/json' })).status).toBe(400);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await stopped(child)).toBe(0);
    const all = child.lines.join('\n');
    expect(all).not.toContain('probe-secret');
    expect(all).not.toContain('probe-cookie');
  });

  it('logs an unhandled rejection and an uncaught exception with an id, redacted, and keeps serving', async () => {
    const child = startAppProcess(env, { preload: join(import.meta.dirname, 'httpFaultInjector.ts') });
    const port = await child.started();
    child.kill('SIGUSR2');
    const rejection = JSON.parse(await child.waitForLine(/injected rejection/)) as Record<string, unknown>;
    const exception = JSON.parse(await child.waitForLine(/injected exception/)) as Record<string, unknown>;
    expect(rejection).toMatchObject({ level: 'error', kind: 'unhandledRejection', errorId: stringMatching(/^[0-9a-f]{8}$/) });
    expect(exception).toMatchObject({ level: 'error', kind: 'uncaughtException', errorId: stringMatching(/^[0-9a-f]{8}$/) });
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(await stopped(child)).toBe(0);
    const all = child.lines.join('\n');
    expect(all).not.toContain('injected-secret');
    expect(all).not.toContain('injected-cookie');
    expect(child.stderr).toEqual([]);
  });
});

/** Resident and peak resident memory of a process, in bytes (Linux). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string): number => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

describe('a flood of unsigned bodies', () => {
  it('100 clients each holding 1 MB under fresh headers and a wrong signature: memory bounded, all refused', async () => {
    const child = startAppProcess(env);
    const port = await child.started();
    await fetch(`http://127.0.0.1:${port}/healthz`);
    const { rss: before } = memoryOf(child.pid);
    let during = before;
    const sampler = setInterval(() => {
      during = Math.max(during, memoryOf(child.pid).rss);
    }, 20);
    // Each sends all of its body but the last byte and holds it, as an attacker holding memory would.
    const size = 1_000_000;
    const clients = await Promise.all(
      Array.from({ length: 100 }, async () => {
        const connection = await openConnection(port);
        await connection.write(slackHead('', { signature: `v0=${'c'.repeat(64)}`, contentLength: size }));
        connection.write(Buffer.alloc(size - 1, 'a')).catch(() => undefined);
        return connection;
      }),
    );
    // The budget reads 8 MiB at a time: at least 80 of the 100 are told 503 while the others are read.
    const answered = (): number => clients.filter((c) => /^HTTP\/1\.1 \d{3}/.test(c.received())).length;
    await expect.poll(answered, { timeout: 15_000 }).toBeGreaterThanOrEqual(80);
    const heldGrowth = during - before;
    for (const c of clients) c.write('a').catch(() => undefined);
    const statuses = await Promise.all(
      clients.map(async (c) => {
        const res = await c.response().catch(() => undefined);
        c.socket.destroy();
        return res?.status ?? 'reset';
      }),
    );
    clearInterval(sampler);
    const totalGrowth = during - before;
    const mib = (n: number): string => (n / 2 ** 20).toFixed(1);
    process.stdout.write(
      `unsigned-body flood: RSS ${mib(before)} MiB before; growth ${mib(heldGrowth)} MiB while held, ` +
        `${mib(totalGrowth)} MiB through the end; answers ${JSON.stringify(count(statuses))}\n`,
    );
    for (const status of statuses) expect([401, 503, 'reset']).toContain(status);
    expect(statuses).toContain(401);
    expect(statuses).toContain(503);
    // Unguarded, Bolt buffered every body at once: about 100 MB for this. The budget reads 8 MiB at a time.
    expect(heldGrowth).toBeLessThan(64 * 2 ** 20);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(await stopped(child)).toBe(0);
  });
});

function count(values: (number | string)[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[String(v)] = (counts[String(v)] ?? 0) + 1;
  return counts;
}
