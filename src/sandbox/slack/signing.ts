// How Slack signs the requests it sends to an app, and a poster that sends them: the sandbox uses this
// to drive the app as Slack would, and the tests use it through test/support/slackRequests.ts.
import { createHmac, randomBytes } from 'node:crypto';
import { request } from 'node:http';

/** `'v0=' + hex(HMAC-SHA256(secret, 'v0:' + timestamp + ':' + rawBody))`, as Slack signs requests. */
export function sign(secret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

let triggerSeq = 0;
/**
 * A unique trigger_id shaped like Slack's (`<n>.<n>.<hex>`). The middle part is the issue time in ms so the
 * fake Slack can expire it after 3 seconds and refuse a second use, as Slack does.
 */
export function newTriggerId(): string {
  triggerSeq += 1;
  return `${1000 + triggerSeq}.${Date.now()}.${randomBytes(8).toString('hex')}`;
}

export interface PostSignedOptions {
  /** Seconds since the epoch; defaults to now. Use an old one to test replay rejection. */
  timestamp?: number;
  /** Overrides the computed signature (a forged request). */
  signature?: string;
  /** Defaults to exactly `application/x-www-form-urlencoded`: Bolt only parses forms with no charset. */
  contentType?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export interface PostedResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/**
 * POSTs `rawBody` signed with `secret`. Uses node:http so nothing rewrites the content type (fetch adds a
 * charset to URLSearchParams bodies, which Bolt answers with 400).
 */
export function postSigned(
  url: string,
  rawBody: string,
  secret: string,
  options: PostSignedOptions = {},
): Promise<PostedResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = options.signature ?? sign(secret, timestamp, rawBody);
  const body = Buffer.from(rawBody, 'utf8');
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: 'POST',
        headers: {
          'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
          'content-length': String(body.length),
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': signature,
          ...options.headers,
        },
        timeout: options.timeoutMs ?? 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) {
            if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`postSigned: no answer from ${url} within the timeout`)));
    req.on('error', reject);
    req.end(body);
  });
}
