/**
 * The per-user limit on actions: at most `rate_limit.actions_per_minute` requests that would reach PHLO
 * in any sliding minute, per Slack user. A request over it is recorded as denied and answered; PHLO never
 * sees it. Counts live in this process's memory: each instance limits what it receives (with several
 * instances behind a load balancer a user may get up to that many times the limit), which keeps the
 * check free of a database round trip on the hot path.
 */
import type { Config } from '../config/index.js';
import { PhloBotError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Store } from '../store/index.js';
import type { ActionSpec } from './catalogue/index.js';
import { stringParams } from './params.js';
import { recordRefusal } from './refusals.js';
import type { ActionRequest } from './types.js';

export const RATE_WINDOW_MS = 60_000;

/** A user sent more actions in the last minute than the configuration allows. */
export class RateLimitedError extends PhloBotError {
  readonly code = 'RATE_LIMITED';
  constructor(
    readonly limit: number,
    /** Until a slot frees, at least a second. */
    readonly retryAfterMs: number,
  ) {
    super(`rate_limited: ${String(limit)} actions in the last minute; next allowed in ${String(Math.ceil(retryAfterMs / 1000))} s`);
  }
}

export type Admission = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * A sliding-window log: the times of each key's allowed requests in the last window. Exact (no burst
 * at a bucket's edge), and small: at most `limit` numbers a key, and keys idle for a window are dropped.
 * A refused request is not logged, so hammering does not push the next allowed moment further away.
 */
export class SlidingWindowLimiter {
  private readonly stamps = new Map<string, number[]>();
  private lastSweep = Number.NEGATIVE_INFINITY;

  constructor(
    readonly limit: number,
    readonly windowMs: number = RATE_WINDOW_MS,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, not ${String(limit)}`);
  }

  take(key: string, nowMs: number): Admission {
    this.sweep(nowMs);
    const since = nowMs - this.windowMs;
    const recent = (this.stamps.get(key) ?? []).filter((t) => t > since);
    if (recent.length >= this.limit) {
      this.stamps.set(key, recent);
      // The request whose expiry leaves room for one more.
      const freeing = recent[recent.length - this.limit] ?? nowMs;
      // Bounded both ways: a clock set back must not promise an hour's wait, nor "try again in 0 s".
      const retryAfterMs = Math.min(this.windowMs, Math.max(1000, freeing + this.windowMs - nowMs));
      return { allowed: false, retryAfterMs };
    }
    recent.push(nowMs);
    this.stamps.set(key, recent);
    return { allowed: true };
  }

  /** Keys being tracked (for tests of the memory bound). */
  get size(): number {
    return this.stamps.size;
  }

  /** At most once a window: forget keys with nothing in the last window, so memory follows active users only. */
  private sweep(nowMs: number): void {
    if (nowMs - this.lastSweep < this.windowMs) return;
    this.lastSweep = nowMs;
    const since = nowMs - this.windowMs;
    for (const [key, times] of this.stamps) {
      if ((times.at(-1) ?? since) <= since) this.stamps.delete(key);
    }
  }
}

export interface RateLimitDeps {
  config: Config;
  store: Store;
  metrics: Metrics;
  logger: Logger;
  now: () => Date;
}

/** The pipeline's rate-limit step: counts a request against its user, or records and throws the refusal. */
export class ActionRateLimit {
  private readonly limiter: SlidingWindowLimiter | undefined;

  constructor(private readonly deps: RateLimitDeps) {
    const perMinute = deps.config.rate_limit.actions_per_minute;
    this.limiter = perMinute === 0 ? undefined : new SlidingWindowLimiter(perMinute);
  }

  /** Throws RateLimitedError (after recording it as denied) when the user is over the limit. */
  async admit(spec: ActionSpec, request: ActionRequest): Promise<void> {
    if (this.limiter === undefined) return;
    const admission = this.limiter.take(request.slack.userId, this.deps.now().getTime());
    if (admission.allowed) return;
    const error = new RateLimitedError(this.limiter.limit, admission.retryAfterMs);
    this.deps.metrics.rateLimited.inc({ verb: spec.grammar.verb });
    await recordRefusal(this.deps, request.slack, {
      action: request.action,
      verb: spec.grammar.verb,
      member: request.member,
      params: stringParams(request.input),
      outcome: 'denied',
      error,
    });
    throw error;
  }
}
