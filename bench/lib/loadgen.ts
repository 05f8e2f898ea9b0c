/**
 * The load generator: sends signed Slack requests to a server and times each one from send to HTTP
 * answer (the ack). Bodies are built before the clock starts; each is signed as it is sent, as Slack does.
 */
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { sign } from '../../src/sandbox/slack/signing.js';
import { SIGNING_SECRET } from './fixture.js';

export interface Sender {
  /** POSTs one signed body to /slack/events: the HTTP status ("error" when the request failed) and the ms it took. */
  post(body: string): Promise<{ status: string; ms: number }>;
  close(): Promise<void>;
}

export function openSender(baseUrl: string, connections: number): Sender {
  const pool = new Pool(baseUrl, { connections, pipelining: 1 });
  return {
    async post(body) {
      const timestamp = Math.floor(Date.now() / 1000);
      const sent = performance.now();
      try {
        const res = await pool.request({
          path: '/slack/events',
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'x-slack-request-timestamp': String(timestamp),
            'x-slack-signature': sign(SIGNING_SECRET, timestamp, body),
          },
          body,
        });
        await res.body.dump();
        return { status: String(res.statusCode), ms: performance.now() - sent };
      } catch {
        return { status: 'error', ms: performance.now() - sent };
      }
    },
    close: () => pool.close(),
  };
}

export interface Burst {
  /** Ack time of each request, ms, in send order. */
  latencies: number[];
  /** HTTP statuses answered, by status ("error" for a failed request). */
  statuses: Record<string, number>;
  /** When the first request was sent, ms since the epoch (to line up with the world's clock). */
  startedAt: number;
  /** From the first send to the last answer, ms. */
  elapsedMs: number;
}

/** Sends every body, `inFlight` at a time (one connection each), as fast as they are answered. */
export async function fire(baseUrl: string, bodies: readonly string[], inFlight: number): Promise<Burst> {
  const sender = openSender(baseUrl, inFlight);
  const latencies = new Array<number>(bodies.length).fill(Number.NaN);
  const statuses: Record<string, number> = {};
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < bodies.length) {
      const index = next;
      next += 1;
      const { status, ms } = await sender.post(bodies[index] ?? '');
      latencies[index] = ms;
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  const startedAt = Date.now();
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  const elapsedMs = performance.now() - started;
  await sender.close();
  return { latencies, statuses, startedAt, elapsedMs };
}
