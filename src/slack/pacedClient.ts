import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode, WebClient, type WebAPICallResult, type WebAPIRateLimitedError, type WebClientOptions } from '@slack/web-api';

/** How many 429s in a row one call waits out before it gives up and lets its caller decide. */
const MAX_RATE_LIMITED_RETRIES = 3;

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
 * that key wait their turn and are retried, and every other call goes on.
 */
export class PacedWebClient extends WebClient {
  /** Key → when it opens again (ms since epoch). */
  private readonly closedUntil = new Map<string, number>();

  constructor(token: string | undefined, options: WebClientOptions = {}) {
    super(token, { ...options, rejectRateLimitedCalls: true });
  }

  override async apiCall(method: string, options?: Record<string, unknown>): Promise<WebAPICallResult> {
    const key = rateLimitKey(method, options);
    for (let attempt = 0; ; attempt++) {
      await this.waitFor(key);
      try {
        return await super.apiCall(method, options);
      } catch (error) {
        const seconds = retryAfterSeconds(error);
        if (seconds === undefined || attempt >= MAX_RATE_LIMITED_RETRIES) throw error;
        this.close(key, seconds * 1000);
      }
    }
  }

  private close(key: string, ms: number): void {
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
