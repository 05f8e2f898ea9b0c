/**
 * Raw HTTP over node:net, for requests no HTTP client would send (a bad request line, half a request)
 * and for timing what goes over the wire (headers now, the body later).
 */
import { connect, type Socket } from 'node:net';
import { sign } from '../support/slackRequests.js';
import { SIGNING_SECRET } from './harness.js';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function parseResponse(raw: string): RawResponse {
  const [head = '', ...rest] = raw.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') };
}

/** An open connection: write to it, and wait for the server's whole answer (it closes after answering). */
export interface RawConnection {
  socket: Socket;
  write(data: string | Buffer): Promise<void>;
  /** Resolves with the first response once the server has sent it (the connection closed or the body is complete). */
  response(): Promise<RawResponse>;
  /** Resolves when the server closed the connection. */
  closed: Promise<void>;
  received(): string;
}

/** `localAddress`: another loopback address (127.x.y.z) to send from, for limits kept per client address. */
export async function openConnection(port: number, localAddress?: string): Promise<RawConnection> {
  const socket = connect({ host: '127.0.0.1', port, ...(localAddress === undefined ? {} : { localAddress }) });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let data = '';
  const waiters: (() => void)[] = [];
  socket.on('data', (chunk: Buffer) => {
    data += chunk.toString('latin1');
    for (const w of waiters.splice(0)) w();
  });
  // A reset after the answer arrived is fine: the answer is what the tests look at.
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => { resolve(); }));
  void closed.then(() => {
    for (const w of waiters.splice(0)) w();
  });
  const complete = (): boolean => {
    const end = data.indexOf('\r\n\r\n');
    if (end < 0) return false;
    const head = data.slice(0, end);
    if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) return data.endsWith('0\r\n\r\n');
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    return length !== null && data.length >= end + 4 + Number(length[1]);
  };
  return {
    socket,
    received: () => data,
    write: (chunk) =>
      new Promise((resolve, reject) => {
        socket.write(chunk, (error) => {
          if (error) reject(error);
          else resolve();
        });
      }),
    closed,
    response: async () => {
      while (!complete() && !socket.destroyed && !socket.readableEnded) {
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
      if (data === '') throw new Error('the server closed the connection without an answer');
      return parseResponse(data);
    },
  };
}

/** Sends `request` as is on a new connection and returns the answer. */
export async function rawExchange(port: number, request: string | Buffer): Promise<RawResponse> {
  const connection = await openConnection(port);
  await connection.write(request);
  const response = await connection.response();
  connection.socket.destroy();
  return response;
}

/** The head of a POST to /slack/events with Slack's headers, signed for `body` unless told otherwise. */
export function slackHead(
  body: string,
  options: { timestamp?: number; signature?: string; contentLength?: number | 'chunked'; contentType?: string } = {},
): string {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = options.signature ?? sign(SIGNING_SECRET, timestamp, body);
  const length =
    options.contentLength === 'chunked'
      ? 'transfer-encoding: chunked'
      : `content-length: ${options.contentLength ?? Buffer.byteLength(body)}`;
  return (
    'POST /slack/events HTTP/1.1\r\nhost: phlo-bot\r\n' +
    `content-type: ${options.contentType ?? 'application/x-www-form-urlencoded'}\r\n${length}\r\n` +
    `x-slack-request-timestamp: ${timestamp}\r\nx-slack-signature: ${signature}\r\n\r\n`
  );
}
