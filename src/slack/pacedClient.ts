import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode, WebClient, type WebAPICallResult, type WebAPIRateLimitedError, type WebClientOptions } from '@slack/web-api';
import { WebApiTransport } from './webApiTransport.js';

/** How many 429s in a row one call waits out before it gives up and lets its caller decide. */
const MAX_RATE_LIMITED_RETRIES = 3;
/** When the options name none: a live call can't wait on Slack for long. */
const DEFAULT_TIMEOUT_MS = 5000;

/**
 * Which calls one 429 covers. Slack limits each Web API method on its own, and chat.postMessage
 * per channel too (about one message a second in each), so a busy call thread must not hold up
 * an answer in another channel, a modal or an ephemeral refusal.
 */
export function rateLimitKey(method: string, options: Record<string, unknown> | undefined): string {
  const channel = options?.channel;
  return method === 'chat.postMessage' && typeof channel === 'string' ? `${method}:${channel}` : method;
}

function retryAfterSeconds(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error) || error.code !== ErrorCode.RateLimitedError) return undefined;
  return (error as WebAPIRateLimitedError).retryAfter;
}

/**
 * A Web API client whose 429s pause only the calls they apply to. The stock client pauses its
 * whole queue on any 429 (one Retry-After: 30 on a thread reply would hold every modal open past
 * its trigger's three seconds); here a 429 closes one key until Retry-After has passed, calls on
 * that key wait their turn and are retried, and every other call goes on. The calls themselves go
 * through a lean transport, with the stock client's timeout and retry settings.
 */
export class PacedWebClient extends WebClient {
  /** Key → when it opens again (ms since epoch). */
  private readonly closedUntil = new Map<string, number>();
  private readonly transport: WebApiTransport;

  constructor(token: string | undefined, options: WebClientOptions = {}, onWarning?: (method: string, warning: string) => void) {
    super(token, { ...options, rejectRateLimitedCalls: true });
    const retry = options.retryConfig ?? {};
    this.transport = new WebApiTransport({
      apiUrl: WebApiTransport.apiUrlOrDefault(options.slackApiUrl),
      token,
      timeoutMs: options.timeout !== undefined && options.timeout > 0 ? options.timeout : DEFAULT_TIMEOUT_MS,
      retry: {
        retries: retry.retries ?? 2,
        factor: retry.factor ?? 2,
        minTimeoutMs: retry.minTimeout ?? 250,
        maxTimeoutMs: retry.maxTimeout ?? 2000,
        randomize: retry.randomize ?? true,
      },
      ...(onWarning === undefined ? {} : { onWarning }),
    });
  }

  /** Lets go of the kept-alive connections to Slack. */
  async close(): Promise<void> {
    await this.transport.close();
  }

  override async apiCall(method: string, options?: Record<string, unknown>): Promise<WebAPICallResult> {
    const key = rateLimitKey(method, options);
    for (let attempt = 0; ; attempt++) {
      await this.waitFor(key);
      try {
        return await this.transport.call(method, options);
      } catch (error) {
        const seconds = retryAfterSeconds(error);
        if (seconds === undefined || attempt >= MAX_RATE_LIMITED_RETRIES) throw error;
        this.pause(key, seconds * 1000);
      }
    }
  }

  private pause(key: string, ms: number): void {
    const until = Date.now() + ms;
    if (until > (this.closedUntil.get(key) ?? 0)) this.closedUntil.set(key, until);
  }

  private async waitFor(key: string): Promise<void> {
    for (;;) {
      const until = this.closedUntil.get(key);
      if (until === undefined) return;
      const wait = until - Date.now();
      if (wait <= 0) {
        this.closedUntil.delete(key);
        return;
      }
      await sleep(wait);
    }
  }
}
