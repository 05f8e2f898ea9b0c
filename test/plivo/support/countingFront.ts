/**
 * A pass-through in front of the PHLO simulator that counts the requests PHLO is working on at once:
 * a request counts from its arrival until its answer has been sent back in full.
 */
import { createServer, request } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface CountingFront {
  /** Base URL to give the client instead of the simulator's: http://127.0.0.1:<port>/v1. */
  url: string;
  /** Where requests go: the simulator's base URL (its host and port are used; paths pass unchanged). */
  forwardTo(simulatorUrl: string): void;
  /** The most requests open at the same time so far. */
  readonly maxOpen: number;
  /** Requests answered so far. */
  readonly answered: number;
  close(): Promise<void>;
}

export async function startCountingFront(simulatorUrl?: string): Promise<CountingFront> {
  let target = simulatorUrl === undefined ? undefined : new URL(simulatorUrl);
  let open = 0;
  let maxOpen = 0;
  let answered = 0;
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    open += 1;
    maxOpen = Math.max(maxOpen, open);
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      open -= 1;
    };
    res.on('close', finish);
    if (target === undefined) {
      res.writeHead(502).end();
      return;
    }
    const upstream = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('end', () => { answered += 1; });
      },
    );
    upstream.on('error', () => { res.destroy(); });
    req.pipe(upstream);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}/v1`,
    forwardTo(url) { target = new URL(url); },
    get maxOpen() { return maxOpen; },
    get answered() { return answered; },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => { resolve(); });
        for (const socket of sockets) socket.destroy();
      }),
  };
}
