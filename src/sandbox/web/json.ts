// Reading the loosely typed JSON of Block Kit and views: the page draws what it can and skips the rest.
import type { Json } from './types.js';

/** An object as a record of its fields; anything else as an empty one. */
export const rec = (v: unknown): Json => (typeof v === 'object' && v !== null ? (v as Json) : {});

/** Text to show for a JSON value: strings as they are, numbers and booleans spelled out, else ''. */
export function str(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}
