import { describe, expect, it } from 'vitest';
import { backoffDelayMs, parseRetryAfterMs } from '../../src/plivo/retry.js';

const policy = { retries: 5, baseDelayMs: 100, maxDelayMs: 2000 };

describe('backoffDelayMs', () => {
  it('doubles the step each retry, jittered between half and all of it', () => {
    expect(backoffDelayMs(policy, 1, () => 0)).toBe(50);
    expect(backoffDelayMs(policy, 1, () => 1)).toBe(100);
    expect(backoffDelayMs(policy, 2, () => 0)).toBe(100);
    expect(backoffDelayMs(policy, 3, () => 1)).toBe(400);
  });

  it('never exceeds maxDelayMs', () => {
    expect(backoffDelayMs(policy, 10, () => 1)).toBe(2000);
    expect(backoffDelayMs(policy, 60, () => 0.5)).toBe(1500);
  });
});

describe('parseRetryAfterMs', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfterMs('0')).toBe(0);
    expect(parseRetryAfterMs('2')).toBe(2000);
    expect(parseRetryAfterMs([' 3 '])).toBe(3000);
  });

  it('ignores dates, negatives, fractions and absence', () => {
    expect(parseRetryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT')).toBeUndefined();
    expect(parseRetryAfterMs('-1')).toBeUndefined();
    expect(parseRetryAfterMs('1.5')).toBeUndefined();
    expect(parseRetryAfterMs(undefined)).toBeUndefined();
  });
});
