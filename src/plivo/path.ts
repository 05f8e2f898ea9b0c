/**
 * Builds URL paths for PHLO. A member address goes into the path the way the vendor SDKs send it:
 * `+14155551234` and `sip:bob@phone.plivo.com` travel as they are, because `+`, `:` and `@` are legal
 * in a path segment (RFC 3986 `pchar`). Only what is not legal there is percent-encoded.
 */

// RFC 3986: pchar = unreserved / pct-encoded / sub-delims / ":" / "@"
const PCHAR_LITERAL = /^[A-Za-z0-9\-._~!$&'()*+,;=:@]$/;
// The same set, for a whole segment at once: ids and addresses almost always pass as they are.
const ALL_PCHAR = /^[A-Za-z0-9\-._~!$&'()*+,;=:@]*$/;

const utf8 = new TextEncoder();

/**
 * Percent-encodes one path segment. The input is a raw value, never pre-encoded text: `%` itself is
 * encoded. Returns '' for ''; callers decide whether an empty segment is acceptable.
 */
export function encodePathSegment(value: string): string {
  // "." and ".." are dot-segments that servers and proxies resolve away; encode them to keep the value.
  if (value === '.' || value === '..') return value.replaceAll('.', '%2E');
  if (ALL_PCHAR.test(value)) return value;
  let out = '';
  for (const char of value) {
    if (PCHAR_LITERAL.test(char)) {
      out += char;
    } else {
      // TextEncoder turns a lone surrogate into U+FFFD instead of throwing like encodeURIComponent.
      for (const byte of utf8.encode(char)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return out;
}

/** Joins raw segments into an absolute path, each one encoded with `encodePathSegment`. */
export function buildPath(...segments: readonly string[]): string {
  let path = '';
  for (const segment of segments) path += `/${encodePathSegment(segment)}`;
  return path;
}
