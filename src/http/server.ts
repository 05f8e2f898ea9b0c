import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stampArrival } from './arrival.js';
import type { Handler } from './router.js';

/**
 * Limits for a port anyone can reach. Slack sends small requests and expects an answer within 3 s, so a
 * client that takes 10 s to send its headers or 30 s for the whole request is not Slack.
 */
export const SERVER_LIMITS = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  // Longer than the 60 s idle timeout load balancers commonly use: the balancer, not us, closes an idle
  // connection, so it never reuses one we have just closed (which it would answer with a 502).
  keepAliveTimeoutMs: 65_000,
  // How often node checks the two timeouts above (its default, 30 s, would let them overrun by that much).
  checkIntervalMs: 1000,
  // Far more than Slack and a load balancer open, and well under the default limit of 1024 open files.
  maxConnections: 512,
} as const;

export interface HttpServer {
  server: Server;
  listen(host: string, port: number): Promise<number>;
  /** Requests whose answer has not been sent yet. */
  readonly openRequests: number;
  /**
   * Stops accepting connections and closes idle ones; requests in progress go on. Later answers carry
   * `connection: close`, so keep-alive clients move elsewhere.
   */
  stopAccepting(): void;
  /** Waits up to `graceMs` for the requests in progress, then closes every connection left. */
  close(graceMs: number): Promise<void>;
}

export function createHttpServer(handler: Handler): HttpServer {
  const open = new Set<ServerResponse>();
  let idle: (() => void) | undefined;
  let stopping = false;
  const server = createServer(
    {
      headersTimeout: SERVER_LIMITS.headersTimeoutMs,
      requestTimeout: SERVER_LIMITS.requestTimeoutMs,
      keepAliveTimeout: SERVER_LIMITS.keepAliveTimeoutMs,
      connectionsCheckingInterval: SERVER_LIMITS.checkIntervalMs,
    },
    (req: IncomingMessage, res: ServerResponse) => {
      stampArrival(req);
      open.add(res);
      res.once('close', () => {
        open.delete(res);
        if (open.size === 0) idle?.();
      });
      if (stopping) res.setHeader('connection', 'close');
      handler(req, res);
    },
  );
  server.maxConnections = SERVER_LIMITS.maxConnections;
  let closed: Promise<void> | undefined;

  return {
    server,
    get openRequests() {
      return open.size;
    },
    listen: (host, port) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      }),
    stopAccepting: () => {
      if (stopping) return;
      stopping = true;
      closed = new Promise((resolve) => server.close(() => { resolve(); }));
      server.closeIdleConnections();
    },
    close: async (graceMs) => {
      if (!stopping) throw new Error('close before stopAccepting');
      if (open.size > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, graceMs);
          idle = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      server.closeAllConnections();
      await closed;
    },
  };
}
