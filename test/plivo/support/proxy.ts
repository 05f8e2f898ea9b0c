/**
 * A tiny forward proxy on loopback, standing in for HTTPS_PROXY: it tunnels CONNECT with node:net and
 * forwards absolute-form requests with node:http, recording what it was asked to do.
 */
import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TestProxy {
  url: string;
  /** CONNECT requests: the authority asked for and the headers the proxy saw. */
  tunnels: { authority: string; headers: IncomingHttpHeaders }[];
  /** Absolute-form requests forwarded without a tunnel. */
  forwarded: { url: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

export async function startTestProxy(options: { refuseWith?: number } = {}): Promise<TestProxy> {
  const tunnels: TestProxy['tunnels'] = [];
  const forwarded: TestProxy['forwarded'] = [];
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    forwarded.push({ url: req.url ?? '', headers: req.headers });
    const upstream = request(req.url ?? '', { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });

  server.on('connect', (req, client: Socket, head: Buffer) => {
    const authority = req.url ?? '';
    tunnels.push({ authority, headers: req.headers });
    client.on('error', () => client.destroy());
    if (options.refuseWith !== undefined) {
      client.end(`HTTP/1.1 ${options.refuseWith} Refused\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    const at = authority.lastIndexOf(':');
    const upstream = connect(Number(authority.slice(at + 1)), authority.slice(0, at), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    forwarded,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => { resolve(); });
        for (const socket of sockets) socket.destroy();
      }),
  };
}
