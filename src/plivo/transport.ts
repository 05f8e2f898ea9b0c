/**
 * One HTTP attempt against PHLO over undici, reduced to a plain outcome: a response with its whole
 * body, a timeout, or a network failure that says whether the request may have been sent. Retries,
 * status codes and schemas are the client's business, not this module's.
 */
import { Agent, ProxyAgent, type Dispatcher } from 'undici';
import { AttemptHandler } from './attemptHandler.js';
import type { AttemptOutcome } from './failures.js';
import type { HttpMethod } from './types.js';

export { errorCodeOf, mayHaveBeenSent } from './failures.js';
export type { AttemptOutcome } from './failures.js';

export interface TransportOptions {
  origin: string;
  timeoutMs: number;
  /** Sockets to PHLO at most: the client never has more requests in flight than this. */
  connections: number;
  proxyUrl?: string | undefined;
  /** Sent with every request (auth, user agent, accept). */
  headers: Record<string, string>;
}

// PHLO bodies are a few hundred bytes; anything near this is not PHLO talking.
const MAX_RESPONSE_BYTES = 1024 * 1024;

export class PhloTransport {
  private readonly dispatcher: Dispatcher;
  private readonly origin: string;
  private readonly timeoutMs: number;
  // ES private fields: JSON.stringify and util.inspect never show them, so logging the client cannot leak the token.
  readonly #headers: Record<string, string>;
  readonly #jsonHeaders: Record<string, string>;

  constructor(options: TransportOptions) {
    this.origin = options.origin;
    this.timeoutMs = options.timeoutMs;
    this.#headers = options.headers;
    this.#jsonHeaders = { ...options.headers, 'content-type': 'application/json' };
    const common = {
      // Off: the attempt's own deadline (AttemptHandler) bounds headers and body, and unlike these it
      // lets an answer that arrived while the event loop was blocked be read before it gives up.
      headersTimeout: 0,
      bodyTimeout: 0,
      connect: { timeout: options.timeoutMs },
      maxResponseSize: MAX_RESPONSE_BYTES,
      connections: options.connections,
    };
    this.dispatcher =
      options.proxyUrl === undefined ? new Agent(common) : new ProxyAgent({ ...common, uri: options.proxyUrl });
  }

  /**
   * Sends one request; never rejects. A raw dispatch with a handler that keeps the body as a string:
   * no abort signal, no body stream and no promise per phase, which `dispatcher.request` would add
   * to every call. The handler's one deadline bounds the attempt as a whole; undici bounds only
   * connecting.
   */
  send(method: HttpMethod, path: string, body?: string): Promise<AttemptOutcome> {
    return new Promise((resolve) => {
      const handler = new AttemptHandler(this.timeoutMs, resolve);
      try {
        // dispatch with origin + path sends the path byte for byte; the top-level request(url) would
        // re-parse it with WHATWG URL rules.
        this.dispatcher.dispatch(
          { origin: this.origin, path, method, headers: body === undefined ? this.#headers : this.#jsonHeaders, body: body ?? null },
          handler,
        );
      } catch (err) {
        // A closed or destroyed dispatcher throws rather than calling the handler.
        handler.fail(err);
      }
    });
  }

  /** Waits for requests in flight, then closes the sockets. */
  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}
