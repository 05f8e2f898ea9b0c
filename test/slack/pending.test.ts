import { describe, expect, it } from 'vitest';
import { Pending } from '../../src/slack/pending.js';

const later = (ms: number, fail = false): Promise<void> =>
  new Promise((resolve, reject) => setTimeout(() => { if (fail) reject(new Error('failed')); else resolve(); }, ms));

describe('promises kept until they settle', () => {
  it('waits for every promise, including one kept while it waited, and a failure does not stop the wait', async () => {
    const pending = new Pending();
    const done: string[] = [];
    void pending.track(later(10).then(() => {
      done.push('first');
      void pending.track(later(10).then(() => { done.push('second'); }));
    }));
    void pending.track(later(5, true)).catch(() => { done.push('failed'); });
    await pending.settled();
    expect(done.sort()).toEqual(['failed', 'first', 'second']);
    expect(pending.size).toBe(0);
  });

  it('counts a promise given twice once, and hands it back each time', async () => {
    const pending = new Pending();
    const p = later(5);
    expect(pending.track(p)).toBe(p);
    expect(pending.track(p)).toBe(p);
    expect(pending.size).toBe(1);
    await pending.settled();
    expect(pending.size).toBe(0);
  });
});
