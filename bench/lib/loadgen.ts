/**
 * The load generator: sends signed Slack requests to a server and times each one from send to HTTP
 * answer (the ack). Bodies are built before the clock starts; each is signed as it is sent, as Slack does.
 *
 * A burst's connections are opened before its clock starts. Opening 50 at once to a Node server that is
 * doing real work stalls a few of them for 100-1,500 ms on this kind of machine (the server accepts them
 * late while its event loop is not blocked); a plain `node:http` server spending 0.4 ms per request does
 * the same. That stall lands on whichever server is measured at random and would decide a p99 of 2,000
 * requests alone, so it is timed apart, as the opening figure.
 */
import { subscribe } from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { sign } from '../../src/sandbox/slack/signing.js';
import { SIGNING_SECRET } from './fixture.js';

export interface Sender {
  /** POSTs one signed body to /slack/events: the HTTP status ("error" when the request failed) and the ms it took. */
  post(body: string, contentType?: string): Promise<{ status: string; ms: number }>;
  close(): Promise<void>;
}

export function openSender(baseUrl: string, connections: number): Sender {
  const pool = new Pool(baseUrl, { connections, pipelining: 1 });
  return {
    async post(body, contentType = 'application/x-www-form-urlencoded') {
      const timestamp = Math.floor(Date.now() / 1000);
      const sent = performance.now();
      try {
        const res = await pool.request({
          path: '/slack/events',
          method: 'POST',
          headers: {
            'content-type': contentType,
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
  /** Answer time of each request that opened a connection (a signed url_verification), ms. */
  opening: number[];
  /** Connections the timed burst itself opened: 0 unless the server closed some of the opened ones. */
  connectedDuringBurst: number;
  /** HTTP statuses answered, by status ("error" for a failed request). */
  statuses: Record<string, number>;
  /** When the first request was sent, ms since the epoch (to line up with the world's clock). */
  startedAt: number;
  /** From the first send to the last answer, ms. */
  elapsedMs: number;
}

/** Every connection undici opens, in this process. */
let connects = 0;
subscribe('undici:client:connected', () => {
  connects += 1;
});

/** Slack's endpoint check: both servers answer it after the signature, and it starts no action. */
const URL_VERIFICATION = JSON.stringify({ token: 'bench', challenge: 'bench', type: 'url_verification' });

/**
 * Sends every body, `inFlight` at a time (one connection each), as fast as they are answered, on
 * `inFlight` connections opened first (one url_verification each, all at once, timed as `opening`).
 */
export async function fire(baseUrl: string, bodies: readonly string[], inFlight: number): Promise<Burst> {
  const sender = openSender(baseUrl, inFlight);
  const openers = await Promise.all(Array.from({ length: inFlight }, () => sender.post(URL_VERIFICATION, 'application/json')));
  const refused = openers.filter((o) => o.status !== '200');
  if (refused.length > 0) throw new Error(`${String(refused.length)} url_verification requests answered ${refused[0]?.status ?? ''}`);
  const connectsBefore = connects;
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
  return { latencies, opening: openers.map((o) => o.ms), connectedDuringBurst: connects - connectsBefore, statuses, startedAt, elapsedMs };
}
