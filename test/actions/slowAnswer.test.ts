import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Announcement } from '../../src/actions/ports.js';
import { SlowAnswerNotice } from '../../src/actions/slowAnswer.js';
import { createLogger } from '../../src/logger.js';

const logger = createLogger('silent');
const posted: Announcement = { channelId: 'C1', threadTs: '1.0', ts: '2.0' };

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the on-its-way message of an action', () => {
  it('is not asked for when PHLO answers in time', async () => {
    const post = vi.fn(() => Promise.resolve(posted));
    const notice = new SlowAnswerNotice(1000, post, logger);
    vi.advanceTimersByTime(999);
    notice.stop();
    vi.advanceTimersByTime(10_000);
    expect(await notice.announcement()).toBeUndefined();
    expect(post).not.toHaveBeenCalled();
  });

  it('is asked for once PHLO has taken longer, and the result gets it to replace', async () => {
    const post = vi.fn(() => Promise.resolve(posted));
    const notice = new SlowAnswerNotice(1000, post, logger);
    vi.advanceTimersByTime(1000);
    notice.stop();
    expect(await notice.announcement()).toEqual(posted);
    expect(post).toHaveBeenCalledTimes(1);
  });

  it('one that could not be posted is no announcement: the result is posted as usual', async () => {
    const notice = new SlowAnswerNotice(1000, () => Promise.reject(new Error('not_in_channel')), logger);
    vi.advanceTimersByTime(1000);
    expect(await notice.announcement()).toBeUndefined();
  });
});
