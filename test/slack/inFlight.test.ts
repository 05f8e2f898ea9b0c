import { describe, expect, it } from 'vitest';
import { InFlight } from '../../src/slack/inFlight.js';

describe('work in flight at shutdown', () => {
  it('drain waits for what started, even what starts during the drain', async () => {
    const inFlight = new InFlight();
    const done: string[] = [];
    let release = (): void => undefined;
    const first = inFlight.run(() => new Promise<void>((resolve) => { release = resolve; }).then(() => { done.push('first'); }));
    const drained = inFlight.drain().then(() => { done.push('drained'); });
    const second = inFlight.run(async () => { await Promise.resolve(); done.push('second'); });
    release();
    await Promise.all([first, second, drained]);
    expect(done).toEqual(['second', 'first', 'drained']);
  });

  it('once closed, starts nothing: a request whose connection was cut does not act after the last drain', async () => {
    const inFlight = new InFlight();
    inFlight.close();
    let started = false;
    await expect(inFlight.run(() => { started = true; return Promise.resolve('done'); })).resolves.toBeUndefined();
    expect(started).toBe(false);
    expect(inFlight.size).toBe(0);
  });
});
