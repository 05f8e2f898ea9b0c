import { describe, expect, it } from 'vitest';
import { Turns } from '../src/turns.js';

const turn = (): Promise<void> => new Promise((resolve) => { setImmediate(resolve); });

describe('turns of the event loop, handed out a few at a time', () => {
  it('lets a few go per turn of the event loop, in the order they asked', async () => {
    const turns = new Turns(() => 2);
    const order: number[] = [];
    const all = Array.from({ length: 5 }, (_, i) => turns.next().then(() => { order.push(i); }));
    expect(order).toEqual([]);
    await turn();
    expect(order).toEqual([0, 1]);
    await turn();
    expect(order).toEqual([0, 1, 2, 3]);
    await Promise.all(all);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('goes on serving those who ask later, however long the line has been', async () => {
    const turns = new Turns(() => 1);
    let served = 0;
    const first = Array.from({ length: 1500 }, () => turns.next().then(() => { served++; }));
    await Promise.all(first);
    await turns.next();
    expect(served).toBe(1500);
  });

  it('holds the line while told none may go, and tells how long the first in line has waited', async () => {
    let open = false;
    const waited: number[] = [];
    let asked = 0;
    const turns = new Turns((oldestWaitedMs) => {
      asked++;
      waited.push(oldestWaitedMs);
      return open ? 1 : 0;
    });
    let served = 0;
    const all = Array.from({ length: 3 }, () => turns.next().then(() => { served++; }));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(served).toBe(0);
    // Held, it is asked again on a timer, not on every turn of an idle loop.
    expect(asked).toBeLessThan(30);
    expect(waited.at(-1)).toBeGreaterThanOrEqual(10);
    open = true;
    await Promise.all(all);
    expect(served).toBe(3);
  });
});
