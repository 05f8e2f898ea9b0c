import { describe, expect, it } from 'vitest';
import { buildPath, encodePathSegment } from '../../src/plivo/path.js';

describe('encodePathSegment', () => {
  it('keeps member addresses as the vendor SDKs send them', () => {
    expect(encodePathSegment('+14155551234')).toBe('+14155551234');
    expect(encodePathSegment('14155551234')).toBe('14155551234');
    expect(encodePathSegment('sip:bob@phone.plivo.com')).toBe('sip:bob@phone.plivo.com');
  });

  it('keeps ids and every other pchar literal', () => {
    expect(encodePathSegment('4c1a9f23-7f56-4879-bb80-db856e1e7701')).toBe('4c1a9f23-7f56-4879-bb80-db856e1e7701');
    expect(encodePathSegment("a-._~!$&'()*+,;=:@Z")).toBe("a-._~!$&'()*+,;=:@Z");
  });

  it('percent-encodes what is not legal in a path segment', () => {
    expect(encodePathSegment('a b')).toBe('a%20b');
    expect(encodePathSegment('a/b')).toBe('a%2Fb');
    expect(encodePathSegment('a?b')).toBe('a%3Fb');
    expect(encodePathSegment('a#b')).toBe('a%23b');
    expect(encodePathSegment('[x]"<>\\^`{|}')).toBe('%5Bx%5D%22%3C%3E%5C%5E%60%7B%7C%7D');
  });

  it('encodes % itself: the input is a raw value, never pre-encoded', () => {
    expect(encodePathSegment('100%')).toBe('100%25');
    expect(encodePathSegment('%2F')).toBe('%252F');
  });

  it('encodes non-ASCII as UTF-8 bytes', () => {
    expect(encodePathSegment('sip:josé@example.com')).toBe('sip:jos%C3%A9@example.com');
    expect(encodePathSegment('☎')).toBe('%E2%98%8E');
    expect(encodePathSegment('😀')).toBe('%F0%9F%98%80');
  });

  it('encodes control characters', () => {
    expect(encodePathSegment('a\r\nb\u0000')).toBe('a%0D%0Ab%00');
  });

  it('does not let a value become a dot-segment', () => {
    expect(encodePathSegment('.')).toBe('%2E');
    expect(encodePathSegment('..')).toBe('%2E%2E');
    expect(encodePathSegment('...')).toBe('...');
  });

  it('round-trips through decodeURIComponent', () => {
    for (const value of ['+1 415', 'sip:a/b@c?d#e', 'x%y', 'ünï', '..']) {
      expect(decodeURIComponent(encodePathSegment(value))).toBe(value);
    }
  });
});

describe('buildPath', () => {
  it('joins encoded segments into an absolute path', () => {
    expect(buildPath('phlo', 'p 1', 'members', 'sip:bob@phone.plivo.com')).toBe('/phlo/p%201/members/sip:bob@phone.plivo.com');
  });
});
