/** The PHLO client's options, and their checks: a bad option fails at start-up, naming itself. */
import { PhloClientConfigError } from './errors.js';
import { DEFAULT_RETRY, type RetryPolicy } from './retry.js';
import type { PhloRequestEvent } from './types.js';

export interface PhloClientOptions {
  /** e.g. https://phlorunner.plivo.com/v1, with or without a trailing slash. */
  baseUrl: string;
  authId: string;
  authToken: string;
  /** Per attempt: connect, headers and body together. */
  timeoutMs: number;
  /** HTTPS_PROXY; requests are tunnelled through it with CONNECT. */
  proxyUrl?: string | undefined;
  /** "phlo-bot/<version>" */
  userAgent: string;
  /** Default: 2 retries, 100 ms base, 2000 ms cap. */
  retry?: RetryPolicy;
  /** Called once per HTTP attempt, for metrics. */
  onRequest?: (event: PhloRequestEvent) => void;
  /**
   * Requests in flight at most (default 50); the rest wait in line, first come first served. The
   * per-attempt timeout starts when a request leaves the line, not before.
   */
  maxConcurrency?: number;
  /**
   * How long a call may wait in line, all its attempts together, before it fails with nothing sent
   * (PhloConnectionError, errorCode QUEUE_TIMEOUT). Default: 2 × timeoutMs.
   */
  maxQueueWaitMs?: number;
  /** Called when an attempt gets its turn, with how long it waited in line (0 when it did not). */
  onQueueWait?: (waitedMs: number) => void;
}

export const DEFAULT_MAX_CONCURRENCY = 50;

const MAX_TIMER_MS = 2 ** 31 - 1;

function isNonNegativeInteger(value: number): boolean {
  return Number.isInteger(value) && value >= 0;
}

function parseBaseUrl(baseUrl: string): { origin: string; basePath: string } {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    // No cause: Node's URL error carries the input, which could hold credentials.
    throw new PhloClientConfigError('baseUrl', 'is not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new PhloClientConfigError('baseUrl', `must be an http or https URL, not ${url.protocol}`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new PhloClientConfigError('baseUrl', 'must not carry credentials; pass authId and authToken');
  }
  if (url.search !== '' || url.hash !== '') {
    throw new PhloClientConfigError('baseUrl', 'must not have a query string or fragment');
  }
  return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') };
}

function validateProxyUrl(proxyUrl: string): void {
  let url: URL;
  try {
    url = new URL(proxyUrl);
  } catch {
    // The proxy URL may hold a password: never echo it, nor keep Node's error, which carries the input.
    throw new PhloClientConfigError('proxyUrl', 'is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new PhloClientConfigError('proxyUrl', `must be an http or https URL, not ${url.protocol}`);
  }
}

export interface CheckedOptions {
  origin: string;
  basePath: string;
  retry: RetryPolicy;
  maxConcurrency: number;
  maxQueueWaitMs: number;
}

/** Checks every option, and fills the defaults the client needs. */
export function checkOptions(options: PhloClientOptions): CheckedOptions {
  const { origin, basePath } = parseBaseUrl(options.baseUrl);
  if (options.authId === '') throw new PhloClientConfigError('authId', 'must not be empty');
  if (options.authToken === '') throw new PhloClientConfigError('authToken', 'must not be empty');
  // undici wants whole milliseconds, and timers overflow past 2^31-1.
  if (!Number.isInteger(options.timeoutMs) || options.timeoutMs <= 0 || options.timeoutMs > MAX_TIMER_MS) {
    throw new PhloClientConfigError('timeoutMs', `must be a whole number of milliseconds from 1 to ${MAX_TIMER_MS}`);
  }
  const retry = options.retry ?? DEFAULT_RETRY;
  if (!isNonNegativeInteger(retry.retries) || !isNonNegativeInteger(retry.baseDelayMs) || !isNonNegativeInteger(retry.maxDelayMs)) {
    throw new PhloClientConfigError('retry', 'must hold non-negative integers');
  }
  if (options.proxyUrl !== undefined) validateProxyUrl(options.proxyUrl);
  const maxConcurrency = options.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY;
  if (!Number.isInteger(maxConcurrency) || maxConcurrency < 1) {
    throw new PhloClientConfigError('maxConcurrency', 'must be a whole number of at least 1');
  }
  const maxQueueWaitMs = options.maxQueueWaitMs ?? 2 * options.timeoutMs;
  if (!isNonNegativeInteger(maxQueueWaitMs)) throw new PhloClientConfigError('maxQueueWaitMs', 'must be a whole number of milliseconds');
  return { origin, basePath, retry, maxConcurrency, maxQueueWaitMs };
}
