/**
 * Reading one attempt's outcome: a 2xx body validated against the operation's schema, an error
 * status turned into its typed error, a timeout or a broken connection kept as what it is.
 *
 * A 2xx means PHLO did it. On an action POST a body that says nothing readable (empty, as a 204 is,
 * JSON that is not an object or lacks fields, too large) is a success with no detail: PHLO has acted,
 * and calling that outcome unknown would tell an agent not to trust a call that is fine; so is an
 * object that does not quite parse. A body that is not JSON at all is another matter: PHLO always
 * answers JSON, so an HTML page or text came from something else at PHLO_API_URL (a wrong URL, a
 * proxy), and whether PHLO acted is unknown. On a GET
 * any such body is an error, because the details are all a read is for, and asking again changes nothing.
 */
import type { z } from 'zod';
import {
  PhloBadRequestError,
  PhloConnectionError,
  PhloInvalidResponseError,
  PhloMethodNotAllowedError,
  PhloNotFoundError,
  PhloRateLimitedError,
  PhloServerError,
  PhloTimeoutError,
  PhloUnauthorizedError,
  PhloUnexpectedStatusError,
  PhloUnreadableReplyError,
  type PhloError,
  type PhloErrorContext,
} from './errors.js';
import { parseRetryAfterMs } from './retry.js';
import { PhloErrorBody } from './schemas.js';
import type { AttemptOutcome } from './failures.js';
import type { HttpMethod, PhloOperation, PhloRequestEvent } from './types.js';

/** One request as the client makes it: what it is, where it goes, and how its answer reads. */
export interface Call<T> {
  operation: PhloOperation;
  method: HttpMethod;
  path: string;
  body?: unknown;
  schema: z.ZodType<T>;
}

/** Every result also says which 2xx status PHLO answered with: the action record keeps it. */
export type Answered<T> = T & { status: number };
export type Interpretation<T> = { ok: true; value: Answered<T> } | { ok: false; error: PhloError };

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** What parseJson answers for text that is not JSON (no JSON value is this symbol). */
const NOT_JSON: unique symbol = Symbol('not JSON');

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

const NOT_JSON_BODY = 'the body is not JSON';

/**
 * An object or array that does not parse (the vendor's own reference prints a member object closed
 * with a stray quote) is PHLO's JSON gone wrong, not another server's page: HTML and text start
 * otherwise.
 */
function startsLikeJson(text: string): boolean {
  return /^\s*[[{]/.test(text);
}

/** Empty or only whitespace, without the copy trim() would make of every body. */
function isBlank(text: string): boolean {
  return !/\S/.test(text);
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'it does not match the documented shape';
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'body';
  return `${where}: ${issue.message}`;
}

export function eventStatus(outcome: AttemptOutcome): PhloRequestEvent['status'] {
  switch (outcome.kind) {
    case 'response':
    case 'oversized':
      return outcome.status;
    case 'timeout':
      return 'timeout';
    case 'network':
      return 'network_error';
  }
}

function contextOf(call: Call<unknown>, attempt: number): PhloErrorContext {
  return { operation: call.operation, method: call.method, path: call.path, attempts: attempt };
}

/** What one attempt's outcome means: a result, or a typed error (which the retry rule then reads). */
export function interpret<T>(call: Call<T>, outcome: AttemptOutcome, attempt: number, timeoutMs: number): Interpretation<T> {
  if (outcome.kind === 'response' && isSuccess(outcome.status)) {
    const { status } = outcome;
    const value = readSuccess(call, status, outcome.body);
    if (typeof value !== 'string') return { ok: true, value };
    if (call.method === 'POST' && value === NOT_JSON_BODY && !startsLikeJson(outcome.body)) {
      return { ok: false, error: new PhloUnreadableReplyError({ ...contextOf(call, attempt), status }) };
    }
    if (call.method === 'POST') return actedWithoutDetail(call, status);
    return { ok: false, error: new PhloInvalidResponseError({ ...contextOf(call, attempt), status, problem: value }) };
  }
  const ctx = contextOf(call, attempt);
  switch (outcome.kind) {
    case 'timeout':
      return { ok: false, error: new PhloTimeoutError({ ...ctx, timeoutMs, cause: outcome.cause }) };
    case 'network':
      return {
        ok: false,
        error: new PhloConnectionError({
          ...ctx,
          status: outcome.status,
          sent: outcome.sent,
          errorCode: outcome.errorCode,
          cause: outcome.cause,
        }),
      };
    case 'oversized':
      if (call.method === 'POST' && isSuccess(outcome.status)) return actedWithoutDetail(call, outcome.status);
      return {
        ok: false,
        error: new PhloInvalidResponseError({ ...ctx, status: outcome.status, problem: 'the body is larger than 1 MiB' }),
      };
    case 'response':
      return { ok: false, error: statusError({ ...ctx, status: outcome.status }, outcome.body, outcome.retryAfter) };
  }
}

/** A 2xx body as the operation's result, or what is wrong with it. */
function readSuccess<T>(call: Call<T>, status: number, text: string): Answered<T> | string {
  if (isBlank(text)) return 'the body is empty';
  const json = parseJson(text);
  if (json === NOT_JSON) return NOT_JSON_BODY;
  const parsed = call.schema.safeParse(json);
  if (!parsed.success) return describeIssue(parsed.error);
  return { ...parsed.data, status };
}

/** An action PHLO answered 2xx with a body that says nothing readable: done, with no detail. */
function actedWithoutDetail<T>(call: Call<T>, status: number): Interpretation<T> {
  // Every success schema reads `{}` as "no detail"; failing that is a bug in the schema, not PHLO.
  return { ok: true, value: { ...call.schema.parse({}), status } };
}

function statusError(ctx: PhloErrorContext & { status: number }, text: string, retryAfter: string | string[] | undefined): PhloError {
  const json = parseJson(text);
  // Error bodies are read leniently: a 404 with `{}`, nothing or HTML is still a 404.
  const parsed = json === NOT_JSON ? undefined : PhloErrorBody.safeParse(json);
  const full: PhloErrorContext = parsed?.success === true ? { ...ctx, apiId: parsed.data.apiId, phloError: parsed.data.error } : ctx;
  const { status } = ctx;
  if (status === 400) return new PhloBadRequestError(full);
  if (status === 401) return new PhloUnauthorizedError(full);
  if (status === 404) return new PhloNotFoundError(full);
  if (status === 405) return new PhloMethodNotAllowedError(full);
  if (status === 429) return new PhloRateLimitedError({ ...full, retryAfterMs: parseRetryAfterMs(retryAfter) });
  if (status >= 500 && status <= 599) return new PhloServerError(full);
  return new PhloUnexpectedStatusError(full);
}
