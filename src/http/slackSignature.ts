import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Slack's replay window: a request stamped further from our clock than this, either way, is refused. */
export const MAX_CLOCK_SKEW_S = 5 * 60;

const SIGNATURE = /^v0=[0-9a-f]{64}$/;
// No leading zero: Bolt reads the timestamp as a number and signs its decimal form again.
const TIMESTAMP = /^[1-9][0-9]{0,11}$/;

export type SignatureHeaders =
  | { ok: true; signature: string; timestamp: string }
  | { ok: false; status: 400 | 401; reason: string };

/** Checks the signature headers without reading the body: present, well formed and fresh. */
export function signatureHeaders(req: IncomingMessage, nowMs: number): SignatureHeaders {
  const signature = req.headers['x-slack-signature'];
  const timestamp = req.headers['x-slack-request-timestamp'];
  if (typeof signature !== 'string' || !SIGNATURE.test(signature)) {
    return { ok: false, status: 400, reason: 'missing or malformed x-slack-signature' };
  }
  if (typeof timestamp !== 'string' || !TIMESTAMP.test(timestamp)) {
    return { ok: false, status: 400, reason: 'missing or malformed x-slack-request-timestamp' };
  }
  const skew = Number(timestamp) - Math.floor(nowMs / 1000);
  if (skew < -MAX_CLOCK_SKEW_S) return { ok: false, status: 401, reason: 'stale x-slack-request-timestamp' };
  if (skew > MAX_CLOCK_SKEW_S) return { ok: false, status: 401, reason: 'x-slack-request-timestamp in the future' };
  return { ok: true, signature, timestamp };
}

/** `v0=HMAC-SHA256(secret, "v0:" + timestamp + ":" + body)`, compared in constant time. */
export function signatureMatches(secret: string, headers: { signature: string; timestamp: string }, body: Buffer[]): boolean {
  const hmac = createHmac('sha256', secret).update(`v0:${headers.timestamp}:`);
  for (const chunk of body) hmac.update(chunk);
  const expected = hmac.digest();
  const given = Buffer.from(headers.signature.slice(3), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
