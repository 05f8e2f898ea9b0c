import { describe, expect, it } from 'vitest';
import { ByteBudget } from '../../src/http/byteBudget.js';

describe('the byte budget for unverified bodies', () => {
  it('never holds more than its capacity, whoever asks', () => {
    const budget = new ByteBudget(100, 60);
    const holds = ['a', 'b', 'c'].map((owner) => budget.hold(owner));
    const taken = holds.map((hold) => [hold.tryAcquire(40), hold.tryAcquire(10)]);
    expect(taken).toEqual([[true, true], [true, true], [false, false]]);
    expect(budget.inUse).toBe(100);
  });

  it('gives one owner at most its share, and the rest to others', () => {
    const budget = new ByteBudget(100, 30);
    const first = budget.hold('a');
    const second = budget.hold('a');
    expect(first.tryAcquire(20)).toBe(true);
    expect(second.tryAcquire(20)).toBe(false);
    expect(second.tryAcquire(10)).toBe(true);
    expect(budget.hold('b').tryAcquire(30)).toBe(true);
    expect(budget.inUse).toBe(60);
  });

  it('gives every byte back on release, once', () => {
    const budget = new ByteBudget(100, 100);
    const hold = budget.hold('a');
    hold.tryAcquire(30);
    hold.tryAcquire(20);
    expect(hold.bytes).toBe(50);
    hold.release();
    hold.release();
    expect(budget.inUse).toBe(0);
    expect(hold.tryAcquire(1)).toBe(false);
  });

  it('grants a waiting request as soon as room is given back, past a waiter held back by its own share', async () => {
    const budget = new ByteBudget(100, 60);
    const a = budget.hold('a');
    const b = budget.hold('b');
    a.tryAcquire(60);
    b.tryAcquire(40);
    const aMore = budget.hold('a').acquire(10, 60_000);
    const c = budget.hold('c').acquire(30, 60_000);
    b.release();
    expect(await c).toBe(true);
    a.release();
    expect(await aMore).toBe(true);
    expect(budget.inUse).toBe(40);
  });

  it('answers false after the wait, or at once for more than a share, and a released wait takes nothing', async () => {
    const budget = new ByteBudget(100, 50);
    budget.hold('a').tryAcquire(50);
    expect(await budget.hold('a').acquire(1, 10)).toBe(false);
    expect(await budget.hold('b').acquire(51, 60_000)).toBe(false);
    const waiting = budget.hold('a');
    const granted = waiting.acquire(10, 60_000);
    waiting.release();
    expect(await granted).toBe(false);
    expect(budget.inUse).toBe(50);
  });
});
