// A local stand-in for Slack's Socket Mode WebSocket endpoint. Give `url` to fakeSlack.setSocketModeUrl so
// apps.connections.open hands it to @slack/socket-mode; the server then sends `hello`, delivers envelopes
// and resolves each send with the ack the app wrote back for that envelope_id.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import { eventCallbackPayload, slashCommandPayload, type SlashCommandFields } from './slackRequests.js';
import { WaitList } from './wait.js';

export interface SocketModeAck {
  envelope_id: string;
  payload?: unknown;
}

export interface SocketModeServer {
  /** `ws://127.0.0.1:PORT/link/?ticket=…`: give it to fakeSlack.setSocketModeUrl. */
  readonly url: string;
  /** Open connections that have been sent `hello`. */
  readonly connectionCount: number;
  /** Every message the app sent (acks and anything else), parsed. */
  readonly received: unknown[];
  /** Resolves once a connection is open (at once if one already is). */
  waitForConnection(timeoutMs?: number): Promise<void>;
  /** Sends a `slash_commands` envelope and resolves with the app's ack. */
  sendSlashCommand(fields: SlashCommandFields, timeoutMs?: number): Promise<SocketModeAck>;
  /** Sends an `interactive` envelope (block_actions, view_submission, …) and resolves with the ack. */
  sendInteractive(payload: object, timeoutMs?: number): Promise<SocketModeAck>;
  /** Sends an `events_api` envelope wrapping `event` (e.g. app_home_opened) and resolves with the ack. */
  sendEvent(event: Record<string, unknown>, timeoutMs?: number): Promise<SocketModeAck>;
  /** Sends any envelope type with any payload; `envelopeId` and `retryAttempt` send one again as Slack redelivers it. */
  sendEnvelope(type: string, payload: unknown, options?: { acceptsResponsePayload?: boolean; timeoutMs?: number; envelopeId?: string; retryAttempt?: number }): Promise<SocketModeAck>;
  /** Sends Slack's `disconnect` message (the client is expected to reconnect). */
  requestDisconnect(reason?: string): void;
  /** Cuts every open connection without a close frame, as a network failure or a crashed Slack host would. */
  dropConnections(): void;
  /** Connections ever sent `hello`: grows by one with each (re)connect. */
  readonly connectionsOpened: number;
  close(): Promise<void>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export async function startSocketModeServer(options: { appId?: string } = {}): Promise<SocketModeServer> {
  const appId = options.appId ?? 'A0APP';
  const http = createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' });
    res.end('WebSocket only');
  });
  const wss = new WebSocketServer({ server: http });
  const open = new Set<WebSocket>();
  const acks = new WaitList<SocketModeAck>();
  const connections = new WaitList<WebSocket>();
  const received: unknown[] = [];
  let nextSocket = 0;
  let opened = 0;

  wss.on('connection', (socket: WebSocket, _req: IncomingMessage) => {
    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return;
      let message: unknown;
      try {
        message = JSON.parse(rawToString(data));
      } catch {
        return;
      }
      received.push(message);
      if (isRecord(message) && typeof message.envelope_id === 'string') {
        acks.push({
          envelope_id: message.envelope_id,
          ...('payload' in message ? { payload: message.payload } : {}),
        });
      }
    });
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => open.delete(socket));
    open.add(socket);
    opened += 1;
    // The fields @slack/socket-mode reads are only `type`; the rest mirrors Slack's documented hello.
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: open.size,
        debug_info: {
          host: 'applink-fake-1',
          build_number: 1,
          approximate_connection_time: 18060,
        },
        connection_info: { app_id: appId },
      }),
    );
    connections.push(socket);
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, '127.0.0.1', () => {
      http.off('error', reject);
      resolve();
    });
  });
  const { port } = http.address() as AddressInfo;
  const url = `ws://127.0.0.1:${port}/link/?ticket=${randomUUID()}&app_id=${appId}`;

  const pickSocket = (): WebSocket => {
    // Slack delivers each envelope to any one open connection; rotate so tests see that too.
    const live = [...open].filter((s) => s.readyState === WebSocket.OPEN);
    if (live.length === 0) throw new Error('socketModeServer: no open connection to send to (did the app start?)');
    nextSocket = (nextSocket + 1) % live.length;
    const socket = live[nextSocket];
    if (socket === undefined) throw new Error('socketModeServer: no open connection');
    return socket;
  };

  const sendEnvelope: SocketModeServer['sendEnvelope'] = async (type, payload, opts = {}) => {
    const envelopeId = opts.envelopeId ?? randomUUID();
    const timeoutMs = opts.timeoutMs ?? 5000;
    const socket = pickSocket();
    const ack = acks.waitFor(
      (a) => a.envelope_id === envelopeId,
      timeoutMs,
      () => `socketModeServer: no ack for ${type} envelope ${envelopeId} within ${timeoutMs} ms`,
    );
    // Handled here so a failed send below does not leave an unobserved rejection; the caller still gets it.
    void ack.catch(() => undefined);
    await new Promise<void>((resolve, reject) => {
      socket.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          accepts_response_payload: opts.acceptsResponsePayload ?? true,
          payload,
          retry_attempt: opts.retryAttempt ?? 0,
          retry_reason: (opts.retryAttempt ?? 0) > 0 ? 'timeout' : '',
        }),
        (error) => {
          if (error) reject(error);
          else resolve();
        },
      );
    });
    return ack;
  };

  let closed = false;
  return {
    url,
    get connectionCount() {
      return [...open].filter((s) => s.readyState === WebSocket.OPEN).length;
    },
    get connectionsOpened() {
      return opened;
    },
    received,
    waitForConnection: async (timeoutMs = 5000) => {
      await connections.waitFor(
        (s) => s.readyState === WebSocket.OPEN,
        timeoutMs,
        () => `socketModeServer: no connection within ${timeoutMs} ms (is apps.connections.open answering ${url}?)`,
      );
    },
    sendSlashCommand: (fields, timeoutMs) =>
      sendEnvelope('slash_commands', slashCommandPayload(fields), { acceptsResponsePayload: true, ...(timeoutMs !== undefined ? { timeoutMs } : {}) }),
    sendInteractive: (payload, timeoutMs) =>
      sendEnvelope('interactive', payload, { acceptsResponsePayload: true, ...(timeoutMs !== undefined ? { timeoutMs } : {}) }),
    sendEvent: (event, timeoutMs) =>
      sendEnvelope('events_api', eventCallbackPayload(event, { apiAppId: appId }), {
        acceptsResponsePayload: false,
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      }),
    sendEnvelope,
    requestDisconnect: (reason = 'refresh_requested') => {
      for (const socket of open) {
        socket.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-fake-1' } }));
      }
    },
    dropConnections: () => {
      for (const socket of open) socket.terminate();
    },
    close: async () => {
      if (closed) return;
      closed = true;
      acks.rejectAll('socketModeServer closed');
      connections.rejectAll('socketModeServer closed');
      // Close politely first so a client that is already disconnecting (app.stop() does not wait for its
      // close handshake) finishes cleanly instead of logging a socket error; terminate stragglers.
      const closing = [...wss.clients].map(
        (socket) =>
          new Promise<void>((resolve) => {
            if (socket.readyState === WebSocket.CLOSED) { resolve(); return; }
            const timer = setTimeout(() => {
              socket.terminate();
              resolve();
            }, 1000);
            socket.once('close', () => {
              clearTimeout(timer);
              resolve();
            });
            if (socket.readyState === WebSocket.OPEN) socket.close(1001, 'server closing');
          }),
      );
      await Promise.all(closing);
      await new Promise<void>((resolve) => { wss.close(() => { resolve(); }); });
      await new Promise<void>((resolve) => {
        http.close(() => { resolve(); });
        http.closeAllConnections();
      });
    },
  };
}

function rawToString(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
