import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';

/** The part of @slack/socket-mode's client this watches: its lifecycle events and its raw messages. */
export interface SocketModeEvents {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

/**
 * No socket open for this long means the app is deaf to Slack, not briefly reconnecting: Slack's own
 * `disconnect` and an abrupt close are both back within seconds, and the reconnect backoff tops out at 30 s.
 */
export const SOCKET_DOWN_UNHEALTHY_MS = 60_000;

export type SocketHealth = { ok: true } | { ok: false; reason: string };

/**
 * Watches the Socket Mode connection: logs each connect, disconnect (with Slack's reason) and reconnect
 * at info, keeps the metrics, and tells /healthz when no socket has been open for too long, so a process
 * manager restarts an app that cannot get back to Slack.
 */
export class SocketConnection {
  private connected = false;
  /** Since when no socket has been open: the start, or the last close. */
  private downSince: number;
  private lastReason: string | undefined;

  constructor(
    client: SocketModeEvents,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
    private readonly downUnhealthyMs: number = SOCKET_DOWN_UNHEALTHY_MS,
    private readonly now: () => number = Date.now,
  ) {
    this.downSince = now();
    metrics.slackSocketConnected.set(0);
    client.on('connected', () => {
      const downForMs = this.now() - this.downSince;
      this.connected = true;
      this.lastReason = undefined;
      metrics.slackSocketConnected.set(1);
      metrics.slackSocketConnects.inc();
      logger.info({ downForMs }, 'Socket Mode connected');
    });
    client.on('ws_message', (data: unknown) => {
      const reason = disconnectReason(data);
      if (reason !== undefined) {
        this.lastReason = reason;
        logger.info({ reason }, 'Slack asked to close the Socket Mode connection; reconnecting');
      }
    });
    client.on('close', () => { this.closed(); });
    client.on('reconnecting', () => {
      logger.info({ downForMs: this.now() - this.downSince }, 'Socket Mode reconnecting');
    });
    client.on('error', (error: unknown) => {
      // An abrupt close arrives as an error event with an empty message: say what happened instead.
      const message = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      if (message !== '') this.lastReason = message;
      logger.info({ reason: message === '' ? 'connection lost' : message }, 'Socket Mode connection error');
    });
  }

  health(): SocketHealth {
    if (this.connected) return { ok: true };
    const downForMs = this.now() - this.downSince;
    if (downForMs <= this.downUnhealthyMs) return { ok: true };
    const why = this.lastReason === undefined ? '' : ` (last: ${this.lastReason})`;
    return { ok: false, reason: `no Socket Mode connection to Slack for ${Math.round(downForMs / 1000)} s${why}` };
  }

  private closed(): void {
    // The client emits close for every socket it drops, including one that never said hello.
    if (!this.connected) return;
    this.connected = false;
    this.downSince = this.now();
    this.metrics.slackSocketConnected.set(0);
    const reason = this.lastReason ?? 'connection lost';
    this.metrics.slackSocketDisconnects.inc({ reason: reasonLabel(reason) });
    this.logger.info({ reason }, 'Socket Mode disconnected');
  }
}

/** Slack's `{"type":"disconnect","reason":"refresh_requested"}`, or undefined for any other message. */
function disconnectReason(data: unknown): string | undefined {
  const text = typeof data === 'string' ? data : data instanceof Buffer ? data.toString('utf8') : undefined;
  if (text === undefined || !text.includes('"disconnect"')) return undefined;
  try {
    const message = JSON.parse(text) as { type?: unknown; reason?: unknown };
    if (message.type !== 'disconnect') return undefined;
    return typeof message.reason === 'string' ? message.reason : 'disconnect';
  } catch {
    return undefined;
  }
}

/** Slack's documented reasons as they are; anything else as one label, so the metric stays small. */
function reasonLabel(reason: string): string {
  return ['refresh_requested', 'warning', 'link_disabled', 'too_many_websockets'].includes(reason) ? reason : 'connection_lost';
}
