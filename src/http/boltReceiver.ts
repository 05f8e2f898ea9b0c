import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { AuthorizationError, ReceiverMultipleAckError, type App, type Receiver, type ReceiverEvent } from '@slack/bolt';
import { newErrorId } from '../errorId.js';
import type { Logger } from '../logger.js';
import type { AfterAckLine } from '../slack/afterAck.js';
import { send, sendJson } from './responses.js';

/**
 * How long a listener has to ack before the receiver answers for it. Bolt's own receiver says 404
 * then, which Slack counts as a failure (an event is delivered again, a user sees an error); an empty
 * 200 is what phlo-bot answers for anything nobody handles.
 */
const ACK_TIMEOUT_MS = 3001;
/** A workflow step's function_executed event may take longer. */
const FUNCTION_ACK_TIMEOUT_MS = 5001;

export interface BoltReceiverOptions {
  logger: Logger;
  /** What every request's listeners find on their context (when it arrived, its signature). */
  customProperties: (req: IncomingMessage) => Record<string, unknown>;
  /**
   * Whether the answer to this request is known before Bolt sees it (an empty 200): if so it is
   * answered at once, and Bolt handles it from the after-ack line.
   */
  acksEarly: (body: Record<string, unknown>) => boolean;
  /** Of those, whether it must not wait behind the others (it opens a modal): it starts on the next turn. */
  goesFirst: (body: Record<string, unknown>) => boolean;
  line: AfterAckLine;
}

/**
 * Bolt's receiver for the HTTP front door. The front door has already read the body within its budget,
 * checked the signature and parsed it; this hands it to Bolt with an ack that writes the answer, the
 * work Bolt's own HTTPReceiver would repeat (a second read, signature check and parse) left out.
 */
export class BoltReceiver implements Receiver {
  private app: App | undefined;

  constructor(private readonly options: BoltReceiverOptions) {}

  init(app: App): void {
    this.app = app;
  }

  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  /** One signed Slack request, its body parsed. */
  dispatch(req: IncomingMessage, res: ServerResponse, body: Record<string, unknown>): void {
    if (body.ssl_check === '1') {
      answer(res, undefined);
      return;
    }
    if (body.type === 'url_verification') {
      answer(res, { challenge: body.challenge });
      return;
    }
    const event = {
      body,
      retryNum: retryNumOf(req),
      retryReason: header(req, 'x-slack-retry-reason'),
      customProperties: this.options.customProperties(req),
    };
    if (this.options.acksEarly(body) && this.options.line.hasRoom()) {
      answer(res, undefined);
      event.customProperties.ackedAt = performance.now();
      // The listeners still call ack(): Slack has had its answer, so there is nothing left to send.
      const acked: ReceiverEvent = { ...event, ack: () => Promise.resolve() };
      // Without the response: the job may wait a while, and the answer is already sent.
      this.options.line.push(() => this.process(acked, undefined), this.options.goesFirst(body));
      return;
    }
    const ack = new ResponseAck(res, this.options.logger, isFunctionExecuted(body) ? FUNCTION_ACK_TIMEOUT_MS : ACK_TIMEOUT_MS);
    this.process({ ...event, ack: ack.fn }, res).then(undefined, (error: unknown) => {
      this.options.logger.error({ err: error }, 'Slack request handling failed');
    });
  }

  private async process(event: ReceiverEvent, res: ServerResponse | undefined): Promise<void> {
    if (this.app === undefined) throw new Error('the receiver was not given to a Bolt app');
    try {
      await this.app.processEvent(event);
    } catch (error) {
      const errorId = newErrorId();
      this.options.logger.error({ err: error, errorId }, 'Bolt failed to process a Slack request');
      if (res === undefined || res.headersSent) return;
      send(res, error instanceof AuthorizationError ? 401 : 500, '');
    }
  }
}

/**
 * An ack that writes the HTTP answer once, and an empty 200 when nobody acked in time. An ack after
 * that (a guard that waited on auth.test, a slow form check) has nothing left to send: it is logged,
 * not thrown, so the listener carries on as if it had been in time.
 */
class ResponseAck {
  private state: 'waiting' | 'acked' | 'answered_for' = 'waiting';
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly res: ServerResponse,
    private readonly logger: Logger,
    timeoutMs: number,
  ) {
    this.timer = setTimeout(() => {
      if (this.state !== 'waiting') return;
      this.state = 'answered_for';
      logger.error({ timeoutMs }, 'a Slack request was not acknowledged in time; answered with an empty 200');
      send(res, 200, '');
    }, timeoutMs);
  }

  readonly fn = (response?: unknown): Promise<void> => {
    if (this.state === 'acked') return Promise.reject(new ReceiverMultipleAckError());
    const late = this.state === 'answered_for';
    this.state = 'acked';
    if (late) {
      this.logger.warn('a Slack request was acknowledged after its deadline; Slack had an empty 200 already');
      return Promise.resolve();
    }
    clearTimeout(this.timer);
    if (!this.res.headersSent) answer(this.res, response);
    return Promise.resolve();
  };
}

/** As Bolt answers an ack: nothing, a text, or JSON. */
function answer(res: ServerResponse, response: unknown): void {
  if (response === undefined || response === null || response === '') send(res, 200, '');
  else if (typeof response === 'string') send(res, 200, response);
  else sendJson(res, 200, response);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function retryNumOf(req: IncomingMessage): number | undefined {
  const value = header(req, 'x-slack-retry-num');
  const n = value === undefined ? Number.NaN : Number.parseInt(value, 10);
  return Number.isNaN(n) ? undefined : n;
}

function isFunctionExecuted(body: Record<string, unknown>): boolean {
  const event = body.event;
  return typeof event === 'object' && event !== null && (event as { type?: unknown }).type === 'function_executed';
}
