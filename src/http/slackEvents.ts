import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { ByteBudget } from './byteBudget.js';
import type { MinimumRate } from './minimumRate.js';
import { readBody } from './readBody.js';
import { refuse, send } from './responses.js';
import type { Handler } from './router.js';
import { safeError } from './safeError.js';
import { isSslCheck, parseSlackBody } from './slackBody.js';
import { signatureHeaders, signatureMatches } from './slackSignature.js';
import { newErrorId } from '../errorId.js';

/**
 * The largest body accepted on /slack/events: 1 MiB. The biggest payload Slack sends an app is a
 * view_submission, which carries the whole modal (at most 100 blocks of at most 3,000 characters, about
 * 300 KB of JSON when every block is full) plus what was typed; form encoding adds a little. Our own modals
 * are a few KB, so this leaves ample room for any modal, yet is a quarter of Bolt's 4 MB default.
 */
export const SLACK_BODY_LIMIT = 1024 * 1024;

/**
 * Bytes held at once by bodies whose signature is not checked yet: eight maximal bodies, thousands of real
 * ones. One client address may hold a quarter of it, so at least four addresses are needed to fill it.
 */
export const UNVERIFIED_BUDGET = 8 * SLACK_BODY_LIMIT;
export const UNVERIFIED_SHARE_PER_ADDRESS = UNVERIFIED_BUDGET / 4;

/** How long a body waits for room in the budget: well inside the 3 s Slack gives us to answer. */
const BUDGET_WAIT_MS = 1000;

/**
 * Slack sends its whole body at once, so a body still coming a second after its headers whose bytes so far
 * average under 64 KiB/s (512 kbit/s; at that rate a 300 KB modal submission may take nearly 5 s) is not
 * Slack's.
 */
export const BODY_MINIMUM_RATE: MinimumRate = { graceMs: 1000, bytesPerSecond: 64 * 1024 };

export type SlackDispatch = (req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>) => void;

export interface SlackEventsOptions {
  signingSecret: string;
  budget: ByteBudget;
  logger: Logger;
  metrics: Metrics;
  /** Takes a request whose signature matched, with its body parsed, to Bolt. */
  dispatch: SlackDispatch;
  bodyLimit?: number;
  minimumRate?: MinimumRate;
  now?: () => number;
  /** Told when a request starts and when its connection is done with it. */
  inProgress?: { started(): void; ended(): void };
}

/**
 * `POST /slack/events`, guarded in front of Bolt. Everything that can be refused without the body is
 * refused before a byte of it is read; the body is read within a budget shared by every unverified body
 * and at a minimum rate, its signature checked, and it is parsed; only an object goes on to Bolt.
 */
export function slackEvents(options: SlackEventsOptions): Handler {
  const limit = options.bodyLimit ?? SLACK_BODY_LIMIT;
  const now = options.now ?? Date.now;
  const minimumRate = options.minimumRate ?? BODY_MINIMUM_RATE;
  const { logger } = options;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const headers = signatureHeaders(req, now());
    if (!headers.ok) {
      logger.info({ status: headers.status, reason: headers.reason }, 'slack request refused before its body');
      refuse(req, res, headers.status, headers.reason);
      return;
    }
    const declared = declaredLength(req);
    if (declared === 'invalid') {
      refuse(req, res, 400, 'bad content-length');
      return;
    }
    if (declared !== undefined && declared > limit) {
      logger.info({ declared, limit }, 'slack request refused: body over the limit');
      refuse(req, res, 413, 'body too large');
      return;
    }
    // Bytes are charged to the client's address as they arrive, and given back once the signature is checked.
    const client = req.socket.remoteAddress ?? '';
    const hold = options.budget.hold(client);
    let parsed: Record<string, unknown> | undefined;
    try {
      if (req.destroyed) return;
      const read = await readBody(req, { limit, declared, minimumRate, hold, roomWaitMs: BUDGET_WAIT_MS });
      if (read.kind === 'aborted') return;
      if (read.kind === 'too_large') {
        logger.info({ limit }, 'slack request refused: body over the limit');
        refuse(req, res, 413, 'body too large');
        return;
      }
      if (read.kind === 'too_slow') {
        options.metrics.unverifiedBodiesRefused.inc({ reason: 'too_slow' });
        logger.info({ client, received: read.size, declared }, 'slack request cut off: its body arrived too slowly');
        refuse(req, res, 408, 'body too slow', { connection: 'close' });
        return;
      }
      if (read.kind === 'no_room') {
        options.metrics.unverifiedBodiesRefused.inc({ reason: 'no_room' });
        logger.warn({ client, inUse: options.budget.inUse }, 'slack request refused: too many unverified bodies in flight');
        refuse(req, res, 503, 'busy', { 'retry-after': '1' });
        return;
      }
      const contentType = req.headers['content-type'];
      if (!signatureMatches(options.signingSecret, headers, read.chunks)) {
        if (isSslCheck(read.chunks, read.size, contentType)) {
          // Slack's certificate check: answered as Bolt does, nothing dispatched.
          send(res, 200, '');
          return;
        }
        logger.warn('slack request refused: signature mismatch');
        send(res, 401, 'signature mismatch');
        return;
      }
      parsed = parseSlackBody(Buffer.concat(read.chunks, read.size), contentType);
      if (parsed === undefined) {
        logger.warn('slack request refused: a signed body that is not a JSON object');
        send(res, 400, 'malformed body');
        return;
      }
    } finally {
      hold.release();
    }
    options.dispatch(req, res, parsed);
  };

  return (req, res) => {
    const { inProgress } = options;
    if (inProgress !== undefined) {
      inProgress.started();
      res.once('close', () => { inProgress.ended(); });
    }
    handle(req, res).then(undefined, (error: unknown) => {
      const errorId = newErrorId();
      logger.error({ err: safeError(error), errorId }, 'slack request failed');
      if (!res.headersSent) send(res, 500, `internal error (${errorId})`);
    });
  };
}

function declaredLength(req: IncomingMessage): number | 'invalid' | undefined {
  const value = req.headers['content-length'];
  if (value === undefined) return req.headers['transfer-encoding'] === undefined ? 0 : undefined;
  return /^[0-9]{1,15}$/.test(value) ? Number(value) : 'invalid';
}
