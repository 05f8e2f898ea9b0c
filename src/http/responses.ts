import type { IncomingMessage, ServerResponse } from 'node:http';

/** Answers with a short plain-text body (HEAD gets the headers only: node:http drops the body). */
export function send(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), { 'content-type': 'application/json' });
}

/** How long a refused client gets to read its answer before its socket is destroyed. */
const LINGER_MS = 2000;

/**
 * Refuses a request whose body we will not read. `connection: close` ends keep-alive, so the unread body
 * cannot be taken for the next request; the socket is destroyed shortly after the answer went out, so a
 * client that keeps sending cannot hold it.
 */
export function refuse(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  send(res, status, body, { ...headers, connection: 'close' });
  const socket = req.socket;
  res.once('finish', () => {
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  });
}
