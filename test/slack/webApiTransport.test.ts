import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '@slack/web-api';
import { PacedWebClient } from '../../src/slack/pacedClient.js';
import { formBody } from '../../src/slack/webApiTransport.js';

interface Seen {
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  fields: Record<string, string>;
}

type Answer = (seen: Seen, res: ServerResponse) => void;

let server: Server | undefined;
const clients: PacedWebClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  const open = server;
  server = undefined;
  if (open === undefined) return;
  open.closeAllConnections();
  await new Promise<void>((resolve) => { open.close(() => { resolve(); }); });
});

/** A Slack Web API stand-in answering each call in turn with the next of `answers` (the last repeats). */
async function slack(answers: Answer[]): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const one: Seen = {
        path: req.url ?? '',
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        fields: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))),
      };
      seen.push(one);
      const answer = answers[Math.min(seen.length - 1, answers.length - 1)];
      answer?.(one, res);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/api/`, seen };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Answer => (_seen, res) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

function client(url: string, options: { retries?: number; timeout?: number } = {}, warnings: string[] = []): PacedWebClient {
  const c = new PacedWebClient('xoxb-bot', {
    slackApiUrl: url,
    retryConfig: { retries: options.retries ?? 0, minTimeout: 1, maxTimeout: 5, randomize: false },
    timeout: options.timeout ?? 2000,
  }, (method, warning) => warnings.push(`${method}: ${warning}`));
  clients.push(c);
  return c;
}

describe('calling the Slack Web API', () => {
  it('posts the method as a form, blocks as JSON, with the bot token in the header', async () => {
    const api = await slack([json(200, { ok: true, ts: '1700000000.000100', channel: 'C1' })]);
    const result = await client(api.url).chat.postMessage({
      channel: 'C1',
      text: 'Held +14155550100',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Held' } }],
      unfurl_links: false,
    });
    expect(result.ts).toBe('1700000000.000100');
    expect(api.seen).toEqual([{
      path: '/api/chat.postMessage',
      authorization: 'Bearer xoxb-bot',
      contentType: 'application/x-www-form-urlencoded',
      fields: {
        channel: 'C1',
        text: 'Held +14155550100',
        blocks: '[{"type":"section","text":{"type":"mrkdwn","text":"Held"}}]',
        unfurl_links: 'false',
      },
    }]);
  });

  it('sends a token given with the call instead of the bot token, and not in the form', async () => {
    const api = await slack([json(200, { ok: true })]);
    await client(api.url).functions.completeSuccess({ token: 'xwfp-step', function_execution_id: 'Fx1', outputs: {} });
    expect(api.seen[0]?.authorization).toBe('Bearer xwfp-step');
    expect(api.seen[0]?.fields).toEqual({ function_execution_id: 'Fx1', outputs: '{}' });
  });

  it("turns Slack's ok: false into the platform error callers branch on, with Slack's answer", async () => {
    const api = await slack([json(200, { ok: false, error: 'not_in_channel' })]);
    const failure = await client(api.url).chat.postMessage({ channel: 'C1', text: 'x' }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: ErrorCode.PlatformError, data: { ok: false, error: 'not_in_channel' } });
  });

  it('reads an answer that is not JSON as a failed call carrying the text', async () => {
    const api = await slack([json(200, '<html>maintenance</html>')]);
    const failure = await client(api.url).chat.update({ channel: 'C1', ts: '1.2', text: 'x' }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: ErrorCode.PlatformError, data: { error: '<html>maintenance</html>' } });
  });

  it('retries a server error and a dropped connection, then succeeds', async () => {
    const api = await slack([
      json(503, 'busy'),
      (_seen, res) => { res.socket?.destroy(); },
      json(200, { ok: true, ts: '1.3' }),
    ]);
    const result = await client(api.url, { retries: 2 }).chat.postMessage({ channel: 'C1', text: 'x' });
    expect(result.ts).toBe('1.3');
    expect(api.seen).toHaveLength(3);
  });

  it('gives up after its retries with the HTTP error and its status', async () => {
    const api = await slack([json(500, { oops: true })]);
    const failure = await client(api.url, { retries: 1 }).chat.postMessage({ channel: 'C1', text: 'x' }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: ErrorCode.HTTPError, statusCode: 500, body: { oops: true } });
    expect(api.seen).toHaveLength(2);
  });

  it('waits out a 429 for that channel only, then sends again', async () => {
    const api = await slack([json(429, '', { 'retry-after': '0' }), json(200, { ok: true, ts: '1.4' })]);
    const result = await client(api.url).chat.postMessage({ channel: 'C1', text: 'x' });
    expect(result.ts).toBe('1.4');
    expect(api.seen).toHaveLength(2);
  });

  it('fails a call Slack leaves unanswered past the timeout as a request error', async () => {
    const api = await slack([() => undefined]);
    const failure = await client(api.url, { timeout: 100 }).chat.postMessage({ channel: 'C1', text: 'x' }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: ErrorCode.RequestError });
  });

  it("passes Slack's warnings on an accepted call to whoever listens", async () => {
    const api = await slack([json(200, { ok: true, response_metadata: { warnings: ['missing_charset'] } })]);
    const warnings: string[] = [];
    await client(api.url, {}, warnings).auth.test();
    expect(warnings).toEqual(['auth.test: missing_charset']);
  });
});

describe('the form a call is sent as', () => {
  it('leaves out what is unset and keeps scalars as they are', () => {
    expect(formBody({ a: 'x y', b: 2, c: true, d: undefined, e: null, f: { g: [1] } })).toBe('a=x%20y&b=2&c=true&f=%7B%22g%22%3A%5B1%5D%7D');
  });
});
