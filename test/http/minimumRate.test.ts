import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchRate } from '../../src/http/minimumRate.js';

const RATE = { graceMs: 1000, bytesPerSecond: 1000 };
/** The decision waits for the event loop's next turn, after it has read its sockets: a fake millisecond. */
const nextTurn = (): void => { vi.advanceTimersByTime(1); };

describe('the minimum rate of a body', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets a body be slow during the grace period, and cuts one that sent nothing when it ends', () => {
    const tooSlow = vi.fn();
    watchRate(RATE, tooSlow);
    vi.advanceTimersByTime(999);
    expect(tooSlow).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    nextTurn();
    expect(tooSlow).toHaveBeenCalledTimes(1);
  });

  it('counts the bytes read on the turn the deadline comes, before it decides', () => {
    const tooSlow = vi.fn();
    const watch = watchRate(RATE, tooSlow);
    // The deadline's timer fires; the server then reads what the client had sent meanwhile.
    vi.advanceTimersByTime(1000);
    watch.received(5000);
    nextTurn();
    expect(tooSlow).not.toHaveBeenCalled();
    vi.advanceTimersByTime(4000);
    nextTurn();
    expect(tooSlow).toHaveBeenCalledTimes(1);
  });

  it('lets a body go on while its bytes average at least the rate, and cuts it once they fall behind', () => {
    const tooSlow = vi.fn();
    const watch = watchRate(RATE, tooSlow);
    // 3,000 bytes at once: enough for three seconds at 1,000 bytes a second.
    watch.received(3000);
    vi.advanceTimersByTime(2999);
    expect(tooSlow).not.toHaveBeenCalled();
    watch.received(500);
    vi.advanceTimersByTime(500);
    expect(tooSlow).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    nextTurn();
    expect(tooSlow).toHaveBeenCalledTimes(1);
  });

  it('cuts a trickle of a byte every 0.3 s at the end of the grace period', () => {
    const tooSlow = vi.fn();
    const watch = watchRate(RATE, tooSlow);
    for (let i = 0; i < 3; i += 1) {
      vi.advanceTimersByTime(300);
      watch.received(1);
    }
    vi.advanceTimersByTime(100);
    nextTurn();
    expect(tooSlow).toHaveBeenCalledTimes(1);
  });

  it('does not count the time the reader paused it, and stops for good', () => {
    const tooSlow = vi.fn();
    const watch = watchRate(RATE, tooSlow);
    vi.advanceTimersByTime(500);
    watch.pause();
    vi.advanceTimersByTime(5000);
    watch.resume();
    vi.advanceTimersByTime(499);
    expect(tooSlow).not.toHaveBeenCalled();
    watch.stop();
    vi.advanceTimersByTime(10_000);
    expect(tooSlow).not.toHaveBeenCalled();
  });
});
