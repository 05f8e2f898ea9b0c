import { performance } from 'node:perf_hooks';
import { SocketModeReceiver, type Logger as BoltLogger } from '@slack/bolt';
import type { RetryOptions, WebClientOptions } from '@slack/web-api';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { boltLogger } from './boltLogger.js';
import { SOCKET_ENVELOPE_ID } from './guards/index.js';
import { SocketConnection } from './socketConnection.js';

/**
 * How @slack/socket-mode asks for a new socket URL (apps.connections.open) after losing one. Its own
 * reconnect loop gives up on an HTTP error once its client's retries are spent, and the app would be deaf
 * for good: so the retries never end while the app runs, with backoff and jitter up to 30 s between tries.
 */
const RECONNECT_BACKOFF = { factor: 2, minTimeout: 1000, maxTimeout: 30_000, randomize: true } as const;

export interface SocketModeTiming {
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  downUnhealthyMs?: number;
}

export interface SocketMode {
  receiver: SocketModeReceiver;
  connection: SocketConnection;
  /** Ends the reconnect retries: called before the receiver stops. */
  stopReconnecting(): void;
}

export function socketModeReceiver(options: {
  appToken: string;
  logger: Logger;
  metrics: Metrics;
  /** The Web API client options of the rest of the app; their retry policy is replaced, not shortened. */
  clientOptions: WebClientOptions;
  /** Tests shorten the backoff and the time after which a lost connection makes /healthz fail. */
  timing?: SocketModeTiming;
}): SocketMode {
  let stopping = false;
  // The Web API client hands its retry policy to p-retry whole, which also takes onFailedAttempt: throwing
  // there ends the loop, so a stop never waits on (or leaves behind) retries that would outlive the app.
  const reconnect: RetryOptions & { onFailedAttempt: () => void } = {
    ...RECONNECT_BACKOFF,
    ...(options.timing?.reconnectMinMs === undefined ? {} : { minTimeout: options.timing.reconnectMinMs }),
    ...(options.timing?.reconnectMaxMs === undefined ? {} : { maxTimeout: options.timing.reconnectMaxMs }),
    forever: true,
    onFailedAttempt: () => {
      if (stopping) throw new Error('phlo-bot is stopping: no more reconnect attempts');
    },
  };
  const receiver = new SocketModeReceiver({
    appToken: options.appToken,
    logger: withoutEmptySocketErrors(boltLogger(options.logger)),
    customPropertiesExtractor: (args: { envelope_id?: unknown }) => ({ receivedAt: performance.now(), [SOCKET_ENVELOPE_ID]: args.envelope_id }),
    installerOptions: { clientOptions: { ...options.clientOptions, retryConfig: reconnect } },
  });
  const connection = new SocketConnection(receiver.client, options.logger, options.metrics, options.timing?.downUnhealthyMs);
  return {
    receiver,
    connection,
    stopReconnecting: () => {
      stopping = true;
    },
  };
}

/**
 * An abrupt close reaches the socket library as an error event with no message, which it logs as
 * "WebSocket error occurred: " and nothing more. SocketConnection logs that loss in words; drop the empty line.
 */
function withoutEmptySocketErrors(logger: BoltLogger): BoltLogger {
  return {
    ...logger,
    error: (...msg: unknown[]) => {
      if (msg.length === 1 && typeof msg[0] === 'string' && msg[0].trim() === 'WebSocket error occurred:') return;
      logger.error(...msg);
    },
  };
}
