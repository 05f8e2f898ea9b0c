import { describe, expect, it } from 'vitest';
import { parseTimestamp, readableTime } from '../../src/views/time.js';

describe('times PHLO gives, as a reader sees them', () => {
  it.each([
    ['2020-08-01 09:04:40.632232+00:00', '2020-08-01T09:04:40.632Z'],
    ['2021-01-30 09:20:08.617883+05:30', '2021-01-30T03:50:08.617Z'],
    ['2021-01-30T09:20:08Z', '2021-01-30T09:20:08.000Z'],
    ['2021-01-30 09:20-0800', '2021-01-30T17:20:00.000Z'],
  ])('%s is the moment %s', (text, iso) => {
    expect(parseTimestamp(text)?.toISOString()).toBe(iso);
  });

  it.each(['Support line', '2020-08-01', '2020-08-01 09:04:40', '4c1a9f23-7f56-4879-bb80-db856e1e7701', '2020-13-45 99:99:99+00:00'])(
    '%s is not read as a time',
    (text) => {
      expect(parseTimestamp(text)).toBeUndefined();
    },
  );

  it("shows Slack's date token, in each reader's zone, with UTC to the minute for clients that can't", () => {
    expect(readableTime(new Date('2026-12-04T16:40:12.345Z'))).toBe('<!date^1796402412^{date_short_pretty} at {time}|2026-12-04 16:40 UTC>');
  });
});
