import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from '../../src/actions/rateLimit.js';

const MINUTE = 60_000;
const t0 = Date.parse('2026-11-30T12:00:00Z');

/** Takes `count` requests for `key` at `at`, returning how many were allowed. */
function takeMany(limiter: SlidingWindowLimiter, key: string, count: number, at: number): number {
  let allowed = 0;
  for (let i = 0; i < count; i++) if (limiter.take(key, at).allowed) allowed++;
  return allowed;
}

describe('the per-user sliding minute', () => {
  it('allows the limit in a minute, refuses the next, and says when a slot frees', () => {
    const limiter = new SlidingWindowLimiter(20);
    for (let i = 0; i < 20; i++) expect(limiter.take('U0ALICE', t0 + i * 1000).allowed).toBe(true);
    // The first was at t0: it leaves the window at t0 + 60 s, 12 s after t0 + 48 s.
    expect(limiter.take('U0ALICE', t0 + 48_000)).toEqual({ allowed: false, retryAfterMs: 12_000 });
    expect(limiter.take('U0ALICE', t0 + MINUTE - 1).allowed).toBe(false);
    expect(limiter.take('U0ALICE', t0 + MINUTE).allowed).toBe(true);
    // The slot it took was the only one free: the second's leaves at t0 + 61 s.
    expect(limiter.take('U0ALICE', t0 + MINUTE)).toEqual({ allowed: false, retryAfterMs: 1000 });
  });

  it('counts each user on their own', () => {
    const limiter = new SlidingWindowLimiter(3);
    expect(takeMany(limiter, 'U0ALICE', 5, t0)).toBe(3);
    expect(takeMany(limiter, 'U0BOB', 5, t0)).toBe(3);
  });

  it('does not count refusals: hammering does not push the next allowed moment away', () => {
    const limiter = new SlidingWindowLimiter(2);
    expect(takeMany(limiter, 'U0ALICE', 2, t0)).toBe(2);
    for (let s = 1; s < 60; s++) expect(limiter.take('U0ALICE', t0 + s * 1000).allowed).toBe(false);
    expect(takeMany(limiter, 'U0ALICE', 3, t0 + MINUTE)).toBe(2);
  });

  it('never promises more than a minute or less than a second, even when the clock is set back', () => {
    const limiter = new SlidingWindowLimiter(1);
    expect(limiter.take('U0ALICE', t0).allowed).toBe(true);
    expect(limiter.take('U0ALICE', t0 - 10 * MINUTE)).toEqual({ allowed: false, retryAfterMs: MINUTE });
    const edge = new SlidingWindowLimiter(1);
    edge.take('U0ALICE', t0);
    expect(edge.take('U0ALICE', t0 + MINUTE - 1)).toEqual({ allowed: false, retryAfterMs: 1000 });
  });

  it('forgets users idle for a minute, so memory follows the active ones', () => {
    const limiter = new SlidingWindowLimiter(20);
    for (let i = 0; i < 1000; i++) limiter.take(`U0USER${String(i)}`, t0);
    expect(limiter.size).toBe(1000);
    limiter.take('U0ALICE', t0 + 2 * MINUTE);
    expect(limiter.size).toBe(1);
  });

  it('refuses a limit that is not a positive whole number (0 means no limiter at all)', () => {
    expect(() => new SlidingWindowLimiter(0)).toThrow(RangeError);
    expect(() => new SlidingWindowLimiter(1.5)).toThrow(RangeError);
  });
});
