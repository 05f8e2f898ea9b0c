import { stringify } from 'node:querystring';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  type WebAPICallResult,
} from '@slack/web-api';
import { Pool } from 'undici';

export interface RetryPolicy {
  /** Attempts after the first, for a request that failed on the way or an HTTP status other than 200 and 429. */
  retries: number;
  factor: number;
  minTimeoutMs: number;
  maxTimeoutMs: number;
  randomize: boolean;
}

export interface WebApiTransportOptions {
  /** Where the methods live, ending in a slash: https://slack.com/api/ unless a stand-in is named. */
  apiUrl: string;
  token: string | undefined;
  /** One attempt, from sending to the whole answer read. */
  timeoutMs: number;
  retry: RetryPolicy;
  /** Slack's warnings on an accepted call (a deprecated argument, a missing fallback text). */
  onWarning?: (method: string, warning: string) => void;
}

/** What a method answers: `ok`, its `error` when not, and whatever else the method returns. */
export type SlackAnswer = WebAPICallResult & { error?: unknown };

const SLACK_API_URL = 'https://slack.com/api/';
/** Calls to Slack at once; more wait for a connection. Slack's own limits are per method and far lower. */
const CONNECTIONS = 32;

/**
 * Web API calls over one keep-alive pool, answering and failing as @slack/web-api does (the same
 * error classes and codes, so callers branch on `code` either way). The stock client's fetch, queue,
 * retry wrapper and eager debug logging cost about a millisecond of CPU per call, which under a burst
 * of thread replies was an eighth of the app's; this is the same request for a fraction of it.
 */
export class WebApiTransport {
  private readonly pool: Pool;
  private readonly basePath: string;

  constructor(private readonly options: WebApiTransportOptions) {
    const url = new URL(options.apiUrl);
    this.pool = new Pool(url.origin, { connections: CONNECTIONS });
    this.basePath = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  }

  static apiUrlOrDefault(apiUrl: string | undefined): string {
    return apiUrl ?? SLACK_API_URL;
  }

  /** One method call, retried by the policy; throws WebAPIPlatformError when Slack answers `ok: false`. */
  async call(method: string, args: Record<string, unknown> = {}): Promise<SlackAnswer> {
    const { token, ...rest } = args;
    const bearer = typeof token === 'string' && token !== '' ? token : this.options.token;
    const body = formBody(rest);
    const result = await this.withRetries(() => this.attempt(method, body, bearer));
    if (!result.ok) throw new WebAPIPlatformError({ ...result, error: typeof result.error === 'string' ? result.error : 'unknown_error' });
    const warnings = result.response_metadata?.warnings;
    if (warnings !== undefined && this.options.onWarning !== undefined) {
      for (const warning of warnings) this.options.onWarning(method, warning);
    }
    return result;
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  private async withRetries(send: () => Promise<SlackAnswer>): Promise<SlackAnswer> {
    const { retry } = this.options;
    for (let attempt = 0; ; attempt++) {
      try {
        return await send();
      } catch (error) {
        const retriable = error instanceof WebAPIRequestError || error instanceof WebAPIHTTPError;
        if (!retriable || attempt >= retry.retries) throw error;
        await sleep(backoffMs(retry, attempt));
      }
    }
  }

  private async attempt(method: string, body: string, bearer: string | undefined): Promise<SlackAnswer> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'content-type': 'application/x-www-form-urlencoded',
    };
    if (bearer !== undefined) headers.authorization = `Bearer ${bearer}`;
    let status: number;
    let responseHeaders: Record<string, string | string[] | undefined>;
    let text: string;
    try {
      const response = await this.pool.request({
        path: `${this.basePath}${method}`,
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      status = response.statusCode;
      responseHeaders = response.headers;
      text = await response.body.text();
    } catch (error) {
      throw new WebAPIRequestError(error instanceof Error ? error : new Error(String(error)));
    }
    if (status === 429) {
      const seconds = Number(firstHeader(responseHeaders['retry-after']));
      if (Number.isFinite(seconds) && seconds >= 0) throw new WebAPIRateLimitedError(seconds);
    }
    if (status !== 200) throw new WebAPIHTTPError(status, '', flatHeaders(responseHeaders), text);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { ok: false, error: text };
    }
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as SlackAnswer) : { ok: false, error: text };
  }
}

/** As the stock client encodes arguments: form fields, with anything that is not a scalar as JSON. */
export function formBody(args: Record<string, unknown>): string {
  const fields: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined || value === null) continue;
    fields[key] = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : JSON.stringify(value);
  }
  return stringify(fields);
}

function backoffMs(retry: RetryPolicy, attempt: number): number {
  const spread = retry.randomize ? 1 + Math.random() : 1;
  return Math.min(retry.maxTimeoutMs, Math.round(retry.minTimeoutMs * spread * retry.factor ** attempt));
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) flat[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
