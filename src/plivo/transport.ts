/**
 * One HTTP attempt against PHLO over undici, reduced to a plain outcome: a response with its whole
 * body, a timeout, or a network failure that says whether the request may have been sent. Retries,
 * status codes and schemas are the client's business, not this module's.
 */
import { Agent, ProxyAgent, type Dispatcher } from 'undici';
import type { IncomingHttpHeaders } from 'node:http';
import type { HttpMethod } from './types.js';

export type AttemptOutcome =
  | { kind: 'response'; status: number; headers: IncomingHttpHeaders; body: string }
  /** Headers arrived but the body was larger than PHLO ever sends. */
  | { kind: 'oversized'; status: number }
  | { kind: 'timeout'; cause: unknown }
  | { kind: 'network'; sent: boolean; errorCode: string | undefined; status?: number; cause: unknown };

export interface TransportOptions {
  origin: string;
  timeoutMs: number;
  proxyUrl?: string | undefined;
  /** Sent with every request (auth, user agent, accept). */
  headers: Record<string, string>;
}

// PHLO bodies are a few hundred bytes; anything near this is not PHLO talking.
const MAX_RESPONSE_BYTES = 1024 * 1024;

// Failures that happen before a single byte of the request can reach PHLO.
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_PRX_TLS',
  'UND_ERR_DESTROYED',
  'UND_ERR_CLOSED',
]);
// TLS handshake failures (certificate problems) also happen before the request is written.
const TLS_HANDSHAKE_CODE = /^(ERR_TLS_|ERR_SSL_)|CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/;
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function field(err: unknown, name: string): string | undefined {
  if (typeof err !== 'object' || err === null || !(name in err)) return undefined;
  const value: unknown = (err as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** The code of an error; for Node's happy-eyeballs AggregateError, the code of its first attempt. */
export function errorCodeOf(err: unknown): string | undefined {
  const own = field(err, 'code');
  if (own !== undefined) return own;
  if (err instanceof AggregateError) {
    const first: unknown = err.errors[0];
    return field(first, 'code');
  }
  return undefined;
}

/**
 * Whether a request that failed with `err` before any response may have reached PHLO. False only for
 * failures that happen before a byte is written: refused, unresolvable or unreachable hosts, connect
 * timeouts, TLS handshakes and refused proxy tunnels. Anything else (a reset, a closed socket, an
 * unknown error) may have come after the request was written.
 */
export function mayHaveBeenSent(err: unknown): boolean {
  const code = errorCodeOf(err);
  if (code !== undefined && (NOT_SENT_CODES.has(code) || TLS_HANDSHAKE_CODE.test(code))) return false;
  const syscall = field(err, 'syscall') ?? (err instanceof AggregateError ? field(err.errors[0], 'syscall') : undefined);
  if (syscall === 'connect' || syscall === 'getaddrinfo') return false;
  // undici aborts a request whose proxy tunnel (CONNECT) was refused; the target never saw it.
  if (code === 'UND_ERR_ABORTED' && /proxy/i.test(field(err, 'message') ?? '')) return false;
  return true;
}

export class PhloTransport {
  private readonly dispatcher: Dispatcher;
  private readonly origin: string;
  private readonly timeoutMs: number;
  // An ES private field: JSON.stringify and util.inspect never show it, so logging the client cannot leak the token.
  readonly #headers: Record<string, string>;

  constructor(options: TransportOptions) {
    this.origin = options.origin;
    this.timeoutMs = options.timeoutMs;
    this.#headers = options.headers;
    const common = {
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connect: { timeout: options.timeoutMs },
      maxResponseSize: MAX_RESPONSE_BYTES,
    };
    this.dispatcher =
      options.proxyUrl === undefined ? new Agent(common) : new ProxyAgent({ ...common, uri: options.proxyUrl });
  }

  /** Sends one request; never throws for network or HTTP failures. */
  async send(method: HttpMethod, path: string, body?: string): Promise<AttemptOutcome> {
    const controller = new AbortController();
    // One deadline for the whole attempt (connect, headers and body), not one per phase. Only the
    // deadline aborts, so an aborted signal means the attempt timed out.
    const timer = setTimeout(() => {
      controller.abort();
    }, this.timeoutMs);
    let status: number | undefined;
    try {
      const headers = body === undefined ? this.#headers : { ...this.#headers, 'content-type': 'application/json' };
      // dispatcher.request with origin + path sends the path byte for byte; the top-level request(url)
      // would re-parse it with WHATWG URL rules.
      const res = await this.dispatcher.request({
        origin: this.origin,
        path,
        method,
        headers,
        body: body ?? null,
        signal: controller.signal,
      });
      status = res.statusCode;
      const text = await res.body.text();
      return { kind: 'response', status: res.statusCode, headers: res.headers, body: text };
    } catch (err) {
      const code = errorCodeOf(err);
      if (controller.signal.aborted || (code !== undefined && TIMEOUT_CODES.has(code))) return { kind: 'timeout', cause: err };
      if (status !== undefined) {
        if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') return { kind: 'oversized', status };
        return { kind: 'network', sent: true, errorCode: code, status, cause: err };
      }
      return { kind: 'network', sent: mayHaveBeenSent(err), errorCode: code, cause: err };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Waits for requests in flight, then closes the sockets. */
  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}
