/**
 * Every way a PHLO call can fail, as classes with a stable `code` (undici-style). Messages are English
 * sentences for logs; they never contain the auth token or the Authorization header, because nothing
 * secret is ever passed to these constructors.
 */
import { PhloBotError } from '../errors.js';
import type { HttpMethod, PhloOperation } from './types.js';

/** What every PHLO error knows about the request that failed. */
export interface PhloErrorContext {
  operation: PhloOperation;
  method: HttpMethod;
  /** The request path as sent, base path included and percent-encoded (e.g. /v1/phlo/{id}). */
  path: string;
  /** How many HTTP attempts were made (0 when the request was refused before sending). */
  attempts: number;
  status?: number | undefined;
  apiId?: string | undefined;
  /** PHLO's own `error` text, when its body carried one. */
  phloError?: string | undefined;
  cause?: unknown;
}

const OPERATION_TEXT: Record<PhloOperation, string> = {
  get_phlo: 'retrieve the PHLO',
  run_phlo: 'run the PHLO',
  get_run: 'retrieve the PHLO run',
  get_multi_party_call: 'retrieve the multiparty call node',
  call: 'add a user to the multiparty call',
  warm_transfer: 'start a warm transfer',
  cold_transfer: 'make a cold transfer',
  hold: 'put a member on hold',
  unhold: 'take a member off hold',
  hangup: 'hang up a member',
  resume_call: 'resume the call after a warm transfer',
  abort_transfer: 'abort a transfer',
  voicemail_drop: 'drop a voicemail for a member',
};

function request(ctx: PhloErrorContext): string {
  return `${OPERATION_TEXT[ctx.operation]} (${ctx.method} ${ctx.path})`;
}

function details(ctx: PhloErrorContext): string {
  const parts: string[] = [];
  if (ctx.status !== undefined) parts.push(`HTTP ${ctx.status}`);
  if (ctx.apiId !== undefined) parts.push(`api_id ${ctx.apiId}`);
  if (ctx.attempts > 1) parts.push(`after ${ctx.attempts} attempts`);
  return parts.length > 0 ? ` [${parts.join(', ')}]` : '';
}

function reason(ctx: PhloErrorContext): string {
  return ctx.phloError !== undefined && ctx.phloError !== '' ? `: ${JSON.stringify(ctx.phloError)}` : '';
}

// A GET changes nothing, so only an action POST can leave PHLO in an unknown state.
const MAY_HAVE_ACTED = ' PHLO may have acted on it.';

export abstract class PhloError extends PhloBotError {
  readonly operation: PhloOperation;
  readonly method: HttpMethod;
  readonly path: string;
  readonly attempts: number;
  readonly status?: number;
  readonly apiId?: string;
  readonly phloError?: string;
  /**
   * False when PHLO may have acted on the request: an action POST that timed out, got a 5xx or an
   * unreadable 2xx, and any request whose connection broke after it was sent.
   */
  readonly outcomeKnown: boolean;

  constructor(message: string, ctx: PhloErrorContext, outcomeKnown: boolean) {
    super(message, ctx.cause === undefined ? undefined : { cause: ctx.cause });
    this.operation = ctx.operation;
    this.method = ctx.method;
    this.path = ctx.path;
    this.attempts = ctx.attempts;
    if (ctx.status !== undefined) this.status = ctx.status;
    if (ctx.apiId !== undefined) this.apiId = ctx.apiId;
    if (ctx.phloError !== undefined) this.phloError = ctx.phloError;
    this.outcomeKnown = outcomeKnown;
  }
}

/** 400: PHLO found a parameter missing or invalid. */
export class PhloBadRequestError extends PhloError {
  readonly code = 'PHLO_BAD_REQUEST';
  constructor(ctx: PhloErrorContext) {
    super(`PHLO rejected the request to ${request(ctx)} as invalid${reason(ctx) || ' without saying why'}.${details(ctx)}`, ctx, true);
  }
}

/** 401: the Auth ID and Auth Token were not accepted. */
export class PhloUnauthorizedError extends PhloError {
  readonly code = 'PHLO_UNAUTHORIZED';
  constructor(ctx: PhloErrorContext) {
    super(`PHLO did not accept the Auth ID and Auth Token when asked to ${request(ctx)}${reason(ctx)}.${details(ctx)}`, ctx, true);
  }
}

/** 404: the PHLO, run, node or member does not exist (an empty or `{}` body still means this). */
export class PhloNotFoundError extends PhloError {
  readonly code = 'PHLO_NOT_FOUND';
  constructor(ctx: PhloErrorContext) {
    super(`PHLO reported not found when asked to ${request(ctx)}${reason(ctx)}.${details(ctx)}`, ctx, true);
  }
}

/** 405: PHLO does not allow this method on this path. */
export class PhloMethodNotAllowedError extends PhloError {
  readonly code = 'PHLO_METHOD_NOT_ALLOWED';
  constructor(ctx: PhloErrorContext) {
    super(`PHLO does not allow this method when asked to ${request(ctx)}${reason(ctx)}.${details(ctx)}`, ctx, true);
  }
}

/** 429: PHLO is throttling; `retryAfterMs` is its numeric Retry-After, when it sent one. */
export class PhloRateLimitedError extends PhloError {
  readonly code = 'PHLO_RATE_LIMITED';
  readonly retryAfterMs?: number;
  constructor(ctx: PhloErrorContext & { retryAfterMs?: number | undefined }) {
    const after = ctx.retryAfterMs === undefined ? '' : ` and asked to wait ${ctx.retryAfterMs} ms`;
    super(`PHLO is rate limiting and refused to ${request(ctx)}${after}${reason(ctx)}.${details(ctx)}`, ctx, true);
    if (ctx.retryAfterMs !== undefined) this.retryAfterMs = ctx.retryAfterMs;
  }
}

/** 5xx: PHLO failed; for an action POST it may have acted before failing. */
export class PhloServerError extends PhloError {
  readonly code = 'PHLO_SERVER_ERROR';
  constructor(ctx: PhloErrorContext) {
    const post = ctx.method === 'POST';
    super(
      `PHLO failed with a server error when asked to ${request(ctx)}${reason(ctx)}.${post ? MAY_HAVE_ACTED : ''}${details(ctx)}`,
      ctx,
      !post,
    );
  }
}

/** Any other non-2xx status (3xx, 402, 409, ...). */
export class PhloUnexpectedStatusError extends PhloError {
  readonly code = 'PHLO_UNEXPECTED_STATUS';
  constructor(ctx: PhloErrorContext) {
    super(`PHLO answered with an unexpected status when asked to ${request(ctx)}${reason(ctx)}.${details(ctx)}`, ctx, true);
  }
}

/**
 * A body that cannot be read: a GET answered 2xx with something that is not a JSON object, or any
 * answer larger than PHLO ever sends. (An action answered 2xx is a success when its body is JSON, or
 * empty, whatever fields it lacks; see PhloUnreadableReplyError for one that is not JSON at all.)
 */
export class PhloInvalidResponseError extends PhloError {
  readonly code = 'PHLO_INVALID_RESPONSE';
  /** What was wrong with the body (never the body itself, which could be large). */
  readonly problem: string;
  constructor(ctx: PhloErrorContext & { problem: string }) {
    const post = ctx.method === 'POST';
    super(
      `PHLO answered the request to ${request(ctx)} with a body phlo-bot cannot read (${ctx.problem}).${post ? MAY_HAVE_ACTED : ''}${details(ctx)}`,
      ctx,
      !post,
    );
    this.problem = ctx.problem;
  }
}

/**
 * An action POST answered 2xx with a body that is not JSON at all (an HTML page, text). PHLO answers
 * JSON, so this came from something else at `PHLO_API_URL` (a wrong URL, a proxy's page), and nobody
 * knows whether PHLO got the request: the outcome is unknown.
 */
export class PhloUnreadableReplyError extends PhloError {
  readonly code = 'PHLO_UNREADABLE_REPLY';
  constructor(ctx: PhloErrorContext) {
    super(
      `The answer to the request to ${request(ctx)} is not JSON, so it did not come from PHLO as documented: check PHLO_API_URL and any proxy.${MAY_HAVE_ACTED}${details(ctx)}`,
      ctx,
      false,
    );
  }
}

/** No complete answer within the per-attempt timeout; for a POST PHLO may have acted. */
export class PhloTimeoutError extends PhloError {
  readonly code = 'PHLO_TIMEOUT';
  readonly timeoutMs: number;
  constructor(ctx: PhloErrorContext & { timeoutMs: number }) {
    const post = ctx.method === 'POST';
    super(
      `PHLO did not answer within ${ctx.timeoutMs} ms when asked to ${request(ctx)}.${post ? MAY_HAVE_ACTED : ''}${details(ctx)}`,
      ctx,
      !post,
    );
    this.timeoutMs = ctx.timeoutMs;
  }
}

/**
 * The connection failed. `sent` says whether the request may have reached PHLO: false for refused,
 * unresolvable or unreachable hosts, connect timeouts and failed proxy tunnels; true for a connection
 * reset or closed after the request was written.
 */
export class PhloConnectionError extends PhloError {
  readonly code = 'PHLO_CONNECTION';
  readonly sent: boolean;
  /** The underlying error code, e.g. ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET. */
  readonly errorCode?: string;
  constructor(ctx: PhloErrorContext & { sent: boolean; errorCode?: string | undefined }) {
    const code = ctx.errorCode === undefined ? '' : ` (${ctx.errorCode})`;
    const post = ctx.method === 'POST';
    const message = ctx.sent
      ? `The connection to PHLO broke${code} after sending the request to ${request(ctx)}.${post ? MAY_HAVE_ACTED : ''}${details(ctx)}`
      : ctx.errorCode === 'QUEUE_TIMEOUT'
        ? // Not a connection problem: PHLO was never tried, the request waited too long behind others.
          `Did not ask PHLO to ${request(ctx)}: it waited its turn behind the requests in flight longer than allowed${code}; nothing was sent.${details(ctx)}`
        : `Could not connect to PHLO${code} to ${request(ctx)}; nothing was sent.${details(ctx)}`;
    // Tied to `sent` for every method, so that outcomeKnown alone tells whether anything reached PHLO.
    super(message, ctx, !ctx.sent);
    this.sent = ctx.sent;
    if (ctx.errorCode !== undefined) this.errorCode = ctx.errorCode;
  }
}

/** The caller passed something that cannot be sent (an empty id); nothing was sent. */
export class PhloInvalidArgumentError extends PhloError {
  readonly code = 'PHLO_INVALID_ARGUMENT';
  readonly argument: string;
  constructor(ctx: PhloErrorContext & { argument: string; problem: string }) {
    super(`Cannot ${request(ctx)}: ${ctx.argument} ${ctx.problem}; nothing was sent.`, ctx, true);
    this.argument = ctx.argument;
  }
}

/** The client was constructed with an unusable option (bad base URL, proxy URL or timeout). */
export class PhloClientConfigError extends PhloBotError {
  readonly code = 'PHLO_CLIENT_CONFIG';
  readonly option: string;
  constructor(option: string, problem: string, options?: { cause?: unknown }) {
    super(`PHLO client option ${option} ${problem}.`, options);
    this.option = option;
  }
}
