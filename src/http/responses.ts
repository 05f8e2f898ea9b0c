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
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    ...headers,
    'content-length': String(Buffer.byteLength(body)),
  });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON.stringify(value), { 'content-type': 'application/json' });
}

/** How long a refused client gets to read its answer before its socket is destroyed. */
const LINGER_MS = 2000;

/**
 * Refuses a request whose body we will not read. After the answer the connection is half-closed and left
 * unread for a moment before it is destroyed: destroying it at once, with the client's data unread, resets
 * it, and the reset can reach the client before our answer does. Left alone, node would read the rest of
 * the body to throw it away (megabytes of garbage under a flood), so reading is paused.
 */
export function refuse(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  send(res, status, body, headers);
  const socket = req.socket;
  res.once('finish', () => {
    socket.end();
    // After node's own finish handler has resumed the request to drain it (it runs on the next tick).
    setImmediate(() => socket.pause());
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  });
}
