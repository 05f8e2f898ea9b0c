/**
 * Clients that send a fresh timestamp, a wrong signature and then their body a byte at a time: they hold
 * nothing Slack's own requests need, and the server cuts them off soon after they start.
 */
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait.js';
import { startHarness, type Harness } from './harness.js';
import { openConnection, slackHead, type RawConnection } from './httpRaw.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ metrics: true });
});
afterAll(async () => {
  await h.stop();
});

const SLOW_CLIENTS = 8;
const COMMANDS = 20;
/** Slack gives up on an acknowledgement after three seconds. */
const SLACK_ACK_MS = 3000;
const TRICKLE_MS = 300;
/** A trickle that is never cut off stops here (18 s), well before the server's 30 s request timeout. */
const MAX_TRICKLES = 60;

const WRONG_SIGNATURE = `v0=${'b'.repeat(64)}`;

interface SlowClient {
  connection: RawConnection;
  /** Bytes written after the head, until the server closed the connection or the trickle gave up. */
  trickled: Promise<number>;
}

/** Sends the head, then one byte of `pattern` (cycled) every 0.3 s until the server closes the connection. */
async function slowClient(head: string, pattern: string): Promise<SlowClient> {
  const connection = await openConnection(h.app.port);
  await connection.write(head);
  const trickled = (async () => {
    let sent = 0;
    for (; sent < MAX_TRICKLES && !connection.socket.destroyed && !connection.socket.writableEnded; sent += 1) {
      const closed = await Promise.race([connection.closed.then(() => true), new Promise((r) => setTimeout(r, TRICKLE_MS)).then(() => false)]);
      if (closed) break;
      await connection.write(pattern[sent % pattern.length] ?? '').catch(() => undefined);
    }
    return sent;
  })();
  return { connection, trickled };
}

async function tooSlowCount(): Promise<number> {
  const text = await (await fetch(`${h.metricsUrl ?? ''}/metrics`)).text();
  const match = /slack_unverified_bodies_refused_total\{reason="too_slow"\} (\d+)/.exec(text);
  return match === null ? 0 : Number(match[1]);
}

/** Sends the signed commands all at once: each one's status and the ms until its answer. */
function signedCommands(): Promise<{ status: number; ms: number }[]> {
  return Promise.all(
    Array.from({ length: COMMANDS }, async () => {
      const sent = performance.now();
      const res = await h.command('help');
      return { status: res.status, ms: Math.round(performance.now() - sent) };
    }),
  );
}

describe.each([
  ['declaring Content-Length: 1048576', { contentLength: 1024 * 1024 }, 'x'],
  // A one-byte chunk at a time, framing included: "1\r\nx\r\n".
  ['sending Transfer-Encoding: chunked', { contentLength: 'chunked' as const }, '1\r\nx\r\n'],
])('eight clients trickling a body a byte every 0.3 s, %s', (_name, length, pattern) => {
  it('hold nothing back: 20 signed commands sent meanwhile are all acknowledged within 3 s, and the slow clients are cut off', async () => {
    const cutBefore = await tooSlowCount();
    const head = slackHead('', { signature: WRONG_SIGNATURE, ...length });
    const clients = await Promise.all(Array.from({ length: SLOW_CLIENTS }, () => slowClient(head, pattern)));
    // The commands go while every slow client is sending: each has written its head and its first byte.
    await waitFor(() => clients.every((c) => c.connection.socket.bytesWritten > head.length), { timeoutMs: 5000 });

    const commands = await signedCommands();
    // Counted, not timed: every one of them answered 200 within Slack's 3 s (a failure lists the others).
    expect(commands).toHaveLength(COMMANDS);
    expect(commands.filter((c) => c.status !== 200 || c.ms >= SLACK_ACK_MS)).toEqual([]);

    const trickled = await Promise.all(clients.map((c) => c.trickled));
    // Every slow client was closed by the server long before its trickle gave up, after an answer of 408.
    expect(trickled.filter((n) => n >= MAX_TRICKLES)).toEqual([]);
    expect(clients.map((c) => /^HTTP\/1\.1 (\d+)/.exec(c.connection.received())?.[1])).toEqual(Array(SLOW_CLIENTS).fill('408'));
    await waitFor(async () => (await tooSlowCount()) - cutBefore === SLOW_CLIENTS, { timeoutMs: 5000 });
    const logged = h.logs.filter((l) => l.msg === 'slack request cut off: its body arrived too slowly');
    expect(logged.length).toBeGreaterThanOrEqual(SLOW_CLIENTS);
    expect(JSON.stringify(logged)).not.toContain(WRONG_SIGNATURE);
  });
});
