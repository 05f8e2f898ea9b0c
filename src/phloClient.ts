import type { Env } from './config/index.js';
import { PhloClient, type PhloClientOptions } from './plivo/index.js';
import { USER_AGENT } from './version.js';

/** The PHLO client the environment describes: its URL, credentials, timeout and proxy; `extra` adds the rest. */
export function phloClientFor(env: Env, extra: Partial<PhloClientOptions> = {}): PhloClient {
  return new PhloClient({
    baseUrl: env.PHLO_API_URL,
    authId: env.PLIVO_AUTH_ID ?? '',
    authToken: env.PLIVO_AUTH_TOKEN ?? '',
    timeoutMs: env.PHLO_TIMEOUT_MS,
    proxyUrl: env.HTTPS_PROXY,
    userAgent: USER_AGENT,
    maxConcurrency: env.PHLO_MAX_CONCURRENCY,
    ...extra,
  });
}
