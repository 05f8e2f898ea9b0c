import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { Coalescer } from '../../src/slack/coalesce.js';

/** A task whose runs the test ends by hand, recording the state each run read when it started. */
function controlledTask(state: { value: number }) {
  const reads: number[] = [];
  const endings: (() => void)[] = [];
  const task = (): Promise<void> => {
    reads.push(state.value);
    return new Promise<void>((resolve) => endings.push(resolve));
  };
  const endNext = async (): Promise<void> => {
    endings.shift()?.();
    // Let the coalescer start whatever was queued behind the run just ended.
    for (let i = 0; i < 5; i += 1) await Promise.resolve();
  };
  return { task, reads, endNext };
}

describe('Coalescer', () => {
  it('runs at once when idle, and folds every request made during a run into one more run that reads the latest state', async () => {
    const state = { value: 1 };
    const { task, reads, endNext } = controlledTask(state);
    const c = new Coalescer();
    const settled: string[] = [];
    const first = c.run('card', task).then(() => settled.push('first'));
    await Promise.resolve(); // the first run starts on the next tick
    state.value = 2;
    const second = c.run('card', task).then(() => settled.push('second'));
    state.value = 3;
    const third = c.run('card', task).then(() => settled.push('third'));
    expect(reads).toEqual([1]);

    await endNext();
    await first;
    expect(settled).toEqual(['first']);
    expect(reads).toEqual([1, 3]);
    await endNext();
    await Promise.all([second, third]);
    expect(settled).toEqual(['first', 'second', 'third']);
    expect(reads).toEqual([1, 3]);
    expect(c.size).toBe(0);
  });

  it('keeps keys apart, and a failed run still lets the next one start', async () => {
    const c = new Coalescer();
    const order: string[] = [];
    const failing = c.run('a', () => Promise.reject(new Error('boom')));
    // Made before the failing run started, so it shares that run and its failure.
    const joined = c.run('a', () => { order.push('never'); return Promise.resolve(); });
    const other = c.run('b', () => { order.push('b'); return Promise.resolve(); });
    await expect(failing).rejects.toThrow('boom');
    await expect(joined).rejects.toThrow('boom');
    await c.run('a', () => { order.push('a again'); return Promise.resolve(); });
    await other;
    expect(order.sort()).toEqual(['a again', 'b']);
    expect(c.size).toBe(0);
  });

  it('spaces the runs of one key, folding every request made meanwhile into the next run', async () => {
    const c = new Coalescer(100);
    const state = { value: 1 };
    const starts: number[] = [];
    const reads: number[] = [];
    const task = (): Promise<void> => {
      starts.push(performance.now());
      reads.push(state.value);
      return Promise.resolve();
    };
    await c.run('card', task);
    const later: Promise<void>[] = [];
    for (let v = 2; v <= 5; v += 1) {
      state.value = v;
      later.push(c.run('card', task));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await Promise.all(later);
    expect(reads).toEqual([1, 5]);
    // A timer counts from the event loop's clock, read when its turn began: a few ms of slack for that.
    expect((starts[1] ?? 0) - (starts[0] ?? 0)).toBeGreaterThanOrEqual(90);
    const other = performance.now();
    await c.run('another card', task);
    expect((starts[2] ?? 0) - other).toBeLessThan(100);
  });
});
