/** Times as a reader sees them: Slack's date token, in each reader's own time zone. */
import { utcMinute } from '../text/history.js';

/**
 * A timestamp as PHLO writes it (`2020-08-01 09:04:40.632232+00:00`), or in ISO 8601: a date, a time
 * to the minute or finer, and a zone. Anything else is not read as a time.
 */
const TIMESTAMP = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d)(?::(\d\d)(?:\.(\d+))?)?(Z|[+-]\d\d:?\d\d)$/;

/** The moment a timestamp-shaped text names, or undefined for any other text. */
export function parseTimestamp(text: string): Date | undefined {
  const match = TIMESTAMP.exec(text.trim());
  if (match === null) return undefined;
  const [, date, minute, seconds = '00', fraction = '', zone = 'Z'] = match;
  // Date.parse reads only ISO 8601 reliably: a T, at most milliseconds, a zone with a colon.
  const millis = fraction.padEnd(3, '0').slice(0, 3);
  const offset = zone === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const at = new Date(`${date ?? ''}T${minute ?? ''}:${seconds}.${millis}${offset}`);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/** "Dec 4th, 2026 at 4:40 PM" in the reader's zone; clients that can't show it read "2026-12-04 16:40 UTC". */
export function readableTime(at: Date): string {
  return `<!date^${Math.floor(at.getTime() / 1000)}^{date_short_pretty} at {time}|${utcMinute(at)}>`;
}
