/**
 * The typed PHLO client: the 13 operations of the PHLO API, with Basic auth, validation of every
 * response (interpret.ts), typed errors and the retry rule (GETs retry on transient failures; an
 * action POST retries only when the request never left, since a duplicate transfer would dial
 * someone twice).
 */
import { performance } from 'node:perf_hooks';
import {
  PhloClientConfigError,
  PhloConnectionError,
  PhloInvalidArgumentError,
  PhloRateLimitedError,
  PhloServerError,
  PhloTimeoutError,
  type PhloError,
} from './errors.js';
import { buildPath } from './path.js';
import { checkOptions, type PhloClientOptions } from './options.js';
import { backoffDelayMs, sleep, type RetryPolicy } from './retry.js';
import {
  MultiPartyCallNode,
  PhloActionResult,
  PhloDetails,
  PhloRun,
  PhloRunStarted,
} from './schemas.js';
import { eventStatus, interpret, type Answered, type Call } from './interpret.js';
import { ConcurrencyLimiter, type QueueState } from './limiter.js';
import { PhloTransport } from './transport.js';
import type {
  CallAction,
  HttpMethod,
  MemberAction,
  MemberRole,
  PhloOperation,
  PhloRequestEvent,
} from './types.js';

export type { Answered } from './interpret.js';
export type { QueueState } from './limiter.js';
export { DEFAULT_MAX_CONCURRENCY } from './options.js';
export type { PhloClientOptions } from './options.js';
export type { CallAction, MemberAction, MemberRole, PhloOperation, PhloRequestEvent } from './types.js';

/**
 * A call (its waits in line, attempts and backoff together) gets this many timeouts, the time the rest
 * of the app allows a PHLO call in flight: an attempt waits in line only while its own timeout still
 * fits in what is left.
 */
const CALL_BUDGET_TIMEOUTS = 3;

export interface MultiPartyCallUpdate {
  action: CallAction;
  to: string;
  role: MemberRole;
  trigger_source: string;
}


export class PhloClient {
  private readonly transport: PhloTransport;
  private readonly basePath: string;
  private readonly authId: string;
  private readonly timeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly onRequest: ((event: PhloRequestEvent) => void) | undefined;
  private readonly onQueueWait: ((waitedMs: number) => void) | undefined;
  private readonly maxQueueWaitMs: number;
  private readonly limiter: ConcurrencyLimiter;
  /** Calls started and not yet settled, and who waits for there to be none (close). */
  private pending = 0;
  private idle: (() => void) | undefined;
  private closing: Promise<void> | undefined;

  constructor(options: PhloClientOptions) {
    const { origin, basePath, retry, maxConcurrency, maxQueueWaitMs } = checkOptions(options);
    this.basePath = basePath;
    this.authId = options.authId;
    this.timeoutMs = options.timeoutMs;
    this.retry = retry;
    this.onRequest = options.onRequest;
    this.onQueueWait = options.onQueueWait;
    this.maxQueueWaitMs = maxQueueWaitMs;
    this.limiter = new ConcurrencyLimiter(maxConcurrency);
    const credentials = Buffer.from(`${options.authId}:${options.authToken}`).toString('base64');
    try {
      this.transport = new PhloTransport({
        origin,
        timeoutMs: options.timeoutMs,
        // As many sockets as requests may be in flight: none waits in undici's pool, none sits unused.
        connections: maxConcurrency,
        proxyUrl: options.proxyUrl,
        headers: {
          authorization: `Basic ${credentials}`,
          'user-agent': options.userAgent,
          accept: 'application/json',
        },
      });
    } catch (cause) {
      throw new PhloClientConfigError('proxyUrl', 'was refused by undici', { cause });
    }
  }

  /** Retrieve a PHLO: GET /phlo/{phlo_id}. */
  async getPhlo(phloId: string): Promise<Answered<PhloDetails>> {
    return this.execute({
      operation: 'get_phlo',
      method: 'GET',
      path: this.path('get_phlo', 'GET', { phloId }, 'phlo', phloId),
      schema: PhloDetails,
    });
  }

  /**
   * Run a PHLO: POST /account/{auth_id}/phlo/{phlo_id}. The payload is sent exactly as given (keys are
   * never renamed, unlike the vendor's Node SDK); an empty payload is sent as `{}`.
   */
  async runPhlo(phloId: string, payload: Record<string, string>): Promise<Answered<PhloRunStarted>> {
    return this.execute({
      operation: 'run_phlo',
      method: 'POST',
      path: this.path('run_phlo', 'POST', { phloId }, 'account', this.authId, 'phlo', phloId),
      body: payload,
      schema: PhloRunStarted,
    });
  }

  /** Retrieve a PHLO run: GET /phlo/{phlo_id}/runs/{run_id}. */
  async getRun(phloId: string, runId: string): Promise<Answered<PhloRun>> {
    return this.execute({
      operation: 'get_run',
      method: 'GET',
      path: this.path('get_run', 'GET', { phloId, runId }, 'phlo', phloId, 'runs', runId),
      schema: PhloRun,
    });
  }

  /** Retrieve a multiparty call node: GET /phlo/{phlo_id}/multi_party_call/{node_id}. */
  async getMultiPartyCall(phloId: string, nodeId: string): Promise<Answered<MultiPartyCallNode>> {
    return this.execute({
      operation: 'get_multi_party_call',
      method: 'GET',
      path: this.path('get_multi_party_call', 'GET', { phloId, nodeId }, 'phlo', phloId, 'multi_party_call', nodeId),
      schema: MultiPartyCallNode,
    });
  }

  /** Add a user, or warm or cold transfer: POST /phlo/{phlo_id}/multi_party_call/{node_id}. */
  async updateMultiPartyCall(phloId: string, nodeId: string, body: MultiPartyCallUpdate): Promise<Answered<PhloActionResult>> {
    const { action } = body;
    return this.execute({
      operation: action,
      method: 'POST',
      path: this.path(action, 'POST', { phloId, nodeId }, 'phlo', phloId, 'multi_party_call', nodeId),
      // Rebuilt field by field: exactly the documented keys, in the documented order, nothing extra.
      body: { action, to: body.to, role: body.role, trigger_source: body.trigger_source },
      schema: PhloActionResult,
    });
  }

  /** Act on one member: POST /phlo/{phlo_id}/multi_party_call/{node_id}/members/{member_address}. */
  async updateMember(phloId: string, nodeId: string, memberAddress: string, action: MemberAction): Promise<Answered<PhloActionResult>> {
    return this.execute({
      operation: action,
      method: 'POST',
      path: this.path(
        action,
        'POST',
        { phloId, nodeId, memberAddress },
        'phlo',
        phloId,
        'multi_party_call',
        nodeId,
        'members',
        memberAddress,
      ),
      body: { action },
      schema: PhloActionResult,
    });
  }

  /** Requests in flight and waiting in line, now. */
  get queueState(): QueueState {
    return this.limiter.state;
  }

  /** Refuses new calls, lets calls in flight or in line (and their retries) finish, then closes the sockets. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.pending > 0) await new Promise<void>((resolve) => { this.idle = resolve; });
      await this.transport.close();
    })();
    return this.closing;
  }

  /** Builds the request path, refusing empty ids (they would silently address another endpoint). */
  private path(
    operation: PhloOperation,
    method: HttpMethod,
    ids: Record<string, string>,
    ...segments: string[]
  ): string {
    const path = this.basePath + buildPath(...segments);
    for (const [argument, value] of Object.entries(ids)) {
      if (value === '') {
        throw new PhloInvalidArgumentError({ operation, method, path, attempts: 0, argument, problem: 'is empty' });
      }
    }
    return path;
  }

  private async execute<T>(call: Call<T>): Promise<Answered<T>> {
    if (this.closing !== undefined) throw this.notSent(call, 0, 'CLIENT_CLOSED');
    this.pending += 1;
    try {
      return await this.attempts(call);
    } finally {
      this.pending -= 1;
      if (this.pending === 0) this.idle?.();
    }
  }

  private notSent(call: Call<unknown>, attempts: number, errorCode: string): PhloConnectionError {
    return new PhloConnectionError({ operation: call.operation, method: call.method, path: call.path, attempts, sent: false, errorCode });
  }

  private async attempts<T>(call: Call<T>): Promise<Answered<T>> {
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    const callStarted = performance.now();
    let waitedMs = 0;
    let lastError: PhloError | undefined;
    for (let attempt = 1; ; attempt++) {
      const queuedAt = performance.now();
      const budgetLeftMs = CALL_BUDGET_TIMEOUTS * this.timeoutMs - this.timeoutMs - (queuedAt - callStarted);
      const slot = this.limiter.acquire(Math.min(this.maxQueueWaitMs - waitedMs, budgetLeftMs));
      if (slot !== true && !(await slot)) {
        // Nothing of this attempt was sent; a retry that found no slot leaves the previous answer standing.
        throw lastError ?? this.notSent(call, 0, 'QUEUE_TIMEOUT');
      }
      const started = performance.now();
      waitedMs += started - queuedAt;
      this.reportWait(started - queuedAt);
      let outcome;
      try {
        outcome = await this.transport.send(call.method, call.path, body);
      } finally {
        this.limiter.release();
      }
      this.report({
        operation: call.operation,
        method: call.method,
        status: eventStatus(outcome),
        durationMs: performance.now() - started,
        attempt,
      });
      const result = interpret(call, outcome, attempt, this.timeoutMs);
      if (result.ok) return result.value;
      const delayMs = this.retryDelayMs(call.method, result.error, attempt);
      if (delayMs === undefined) throw result.error;
      lastError = result.error;
      await sleep(delayMs);
    }
  }

  private reportWait(waitedMs: number): void {
    if (this.onQueueWait === undefined) return;
    try {
      this.onQueueWait(waitedMs);
    } catch {
      // As with onRequest: metrics must never fail a call.
    }
  }

  private report(event: PhloRequestEvent): void {
    if (this.onRequest === undefined) return;
    try {
      this.onRequest(event);
    } catch {
      // A broken metrics hook must not fail, or worse retry, a call that PHLO has already answered.
    }
  }

  /** undefined: do not retry. */
  private retryDelayMs(method: HttpMethod, error: PhloError, attempt: number): number | undefined {
    if (attempt > this.retry.retries) return undefined;
    const backoff = backoffDelayMs(this.retry, attempt);
    if (error instanceof PhloConnectionError) {
      // An action POST is safe to repeat only if it never left this process.
      return method === 'GET' || !error.sent ? backoff : undefined;
    }
    if (method !== 'GET') return undefined;
    if (error instanceof PhloTimeoutError || error instanceof PhloServerError) return backoff;
    if (error instanceof PhloRateLimitedError) {
      if (error.retryAfterMs === undefined) return backoff;
      // Retrying sooner than PHLO asked would only be refused again; give the caller the 429 instead.
      return error.retryAfterMs <= this.retry.maxDelayMs ? error.retryAfterMs : undefined;
    }
    return undefined;
  }
}
