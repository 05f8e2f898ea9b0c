/**
 * The simulator's HTTP side on node:http: records every request as received, applies latency and
 * injected faults, then lets routes.ts answer. A malformed request gets an error answer, never a crash.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { handleApiRequest, type ApiResponse } from './routes.js';
import { SimulatorState, type SimulatedMember, type SimulatedPhlo, type SimulatedTransfer } from './state.js';

export interface PhloSimulatorOptions {
  authId: string;
  authToken: string;
  phlos: SimulatedPhlo[];
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Member actions to accept beyond PHLO's own (no-ops on a member on the call): for a test's new action. */
  extraMemberActions?: readonly string[];
}

/** One injected failure: a status (body: a JSON value, or a string sent raw; headers extra), a reset
 * socket, a 2xx with a non-JSON body, or no answer at all. */
export type SimulatedFault =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | 'reset'
  | 'garbage'
  | 'hang';

export interface FaultOptions {
  /** How many matching requests fail (default 1). */
  times?: number;
  /** Which requests the fault applies to (default: any). */
  match?: (req: { method: string; path: string }) => boolean;
}

export interface RecordedRequest {
  method: string;
  /** As received, percent-encoding included, without the query string. */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON, or the raw text when it is not JSON; undefined when there was no body. */
  body: unknown;
  at: Date;
}

export interface PhloSimulator {
  /** Base URL ending in /v1. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  members(phloId: string, nodeId: string): SimulatedMember[];
  transfer(phloId: string, nodeId: string): SimulatedTransfer | undefined;
  runs(phloId: string): { runId: string; payload: Record<string, unknown> }[];
  setLatency(ms: number): void;
  failNext(fault: SimulatedFault, options?: FaultOptions): void;
  addPhlo(phlo: SimulatedPhlo): void;
  /** Clears calls, runs, recorded requests, faults and latency; PHLO definitions stay. */
  reset(): void;
  close(): Promise<void>;
}

interface QueuedFault {
  fault: SimulatedFault;
  remaining: number;
  match: ((req: { method: string; path: string }) => boolean) | undefined;
}

const MAX_BODY_BYTES = 1024 * 1024;

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function parseQuery(search: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(search)) query[key] = value;
  return query;
}

/** Reads the whole body; past the limit it keeps draining but reports `tooLarge`. */
function readBody(req: IncomingMessage): Promise<{ text: string; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => { resolve({ text: Buffer.concat(chunks).toString('utf8'), tooLarge: size > MAX_BODY_BYTES }); });
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
}

function sendApi(res: ServerResponse, response: ApiResponse): void {
  send(res, response.status, JSON.stringify(response.body), response.headers);
}

export async function startPhloSimulator(options: PhloSimulatorOptions): Promise<PhloSimulator> {
  const state = new SimulatorState(options.phlos);
  const requests: RecordedRequest[] = [];
  const faults: QueuedFault[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();
  let latencyMs = 0;

  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const takeFault = (method: string, path: string): SimulatedFault | undefined => {
    const index = faults.findIndex((queued) => queued.match === undefined || queued.match({ method, path }));
    const queued = faults[index];
    if (queued === undefined) return undefined;
    queued.remaining -= 1;
    if (queued.remaining <= 0) faults.splice(index, 1);
    return queued.fault;
  };

  const applyFault = (fault: SimulatedFault, req: IncomingMessage, res: ServerResponse): void => {
    if (fault === 'hang') return; // the socket stays open until the client gives up or close()
    if (fault === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault === 'garbage') {
      // What a proxy or a web server at the wrong URL answers: a page, not PHLO's JSON.
      send(res, 200, '<html><body>502 Bad Gateway</body></html>', { 'content-type': 'text/html' });
      return;
    }
    const body =
      fault.body === undefined
        ? JSON.stringify({ api_id: randomUUID(), error: 'simulated fault' })
        : typeof fault.body === 'string'
          ? fault.body
          : JSON.stringify(fault.body);
    send(res, fault.status, body, fault.headers);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    const queryAt = rawUrl.indexOf('?');
    const path = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
    const { text, tooLarge } = await readBody(req);
    requests.push({
      method,
      path,
      query: parseQuery(queryAt === -1 ? '' : rawUrl.slice(queryAt + 1)),
      headers: { ...req.headers },
      body: parseBody(text),
      at: new Date(),
    });
    if (latencyMs > 0) await pause(latencyMs);
    const fault = takeFault(method, path);
    if (fault !== undefined) {
      applyFault(fault, req, res);
      return;
    }
    if (tooLarge) {
      send(res, 413, JSON.stringify({ api_id: randomUUID(), error: 'request body is too large' }));
      return;
    }
    sendApi(res, handleApiRequest({ state, extraMemberActions: options.extraMemberActions, authId: options.authId, authToken: options.authToken }, {
      method,
      path,
      authorization: req.headers.authorization,
      body: text,
    }));
  };

  const server = createServer((req, res) => {
    res.on('error', () => undefined); // the client may be gone by the time we answer
    handle(req, res).catch(() => {
      send(res, 500, JSON.stringify({ api_id: randomUUID(), error: 'internal simulator error' }));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_err, socket) => {
    // Unparseable HTTP: answer 400 if the socket still can, then drop it.
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/v1`;

  let closed: Promise<void> | undefined;
  return {
    url,
    requests,
    members: (phloId, nodeId) => state.members(phloId, nodeId),
    transfer: (phloId, nodeId) => state.transfer(phloId, nodeId),
    runs: (phloId) => state.runs(phloId),
    setLatency(ms) {
      latencyMs = Math.max(0, ms);
    },
    failNext(fault, faultOptions = {}) {
      faults.push({ fault, remaining: Math.max(1, Math.floor(faultOptions.times ?? 1)), match: faultOptions.match });
    },
    addPhlo: (phlo) => { state.addPhlo(phlo); },
    reset() {
      state.clear();
      requests.length = 0;
      faults.length = 0;
      latencyMs = 0;
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => { resolve(); });
        // Hung and keep-alive sockets would otherwise hold close() open.
        for (const socket of sockets) socket.destroy();
      });
      return closed;
    },
  };
}
