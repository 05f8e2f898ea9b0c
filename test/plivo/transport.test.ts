/** Which network failures may have let the request reach PHLO: this decides whether a POST is retried. */
import { describe, expect, it } from 'vitest';
import { errorCodeOf, mayHaveBeenSent } from '../../src/plivo/transport.js';

function failure(code: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`failed: ${code}`), { code, ...extra });
}

describe('mayHaveBeenSent', () => {
  it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_DESTROYED'])(
    '%s: not sent',
    (code) => {
      expect(mayHaveBeenSent(failure(code))).toBe(false);
    },
  );

  it.each(['DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'])(
    'TLS handshake failure %s: not sent',
    (code) => {
      expect(mayHaveBeenSent(failure(code))).toBe(false);
    },
  );

  it('any error raised by connect() or a DNS lookup: not sent', () => {
    expect(mayHaveBeenSent(failure('EWHATEVER', { syscall: 'connect' }))).toBe(false);
    expect(mayHaveBeenSent(failure('EWHATEVER', { syscall: 'getaddrinfo' }))).toBe(false);
  });

  it("happy eyeballs' AggregateError of refused connections: not sent", () => {
    const aggregate = new AggregateError([failure('ECONNREFUSED', { syscall: 'connect' }), failure('ECONNREFUSED')], 'all failed');
    expect(errorCodeOf(aggregate)).toBe('ECONNREFUSED');
    expect(mayHaveBeenSent(aggregate)).toBe(false);
  });

  it('a proxy that refused the tunnel: not sent', () => {
    expect(mayHaveBeenSent(failure('UND_ERR_ABORTED', { message: 'Proxy response (407) !== 200 when HTTP Tunneling' }))).toBe(false);
  });

  it.each(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_ABORTED'])('%s: may have been sent', (code) => {
    expect(mayHaveBeenSent(failure(code))).toBe(true);
  });

  it('an error without a code may have been sent', () => {
    expect(mayHaveBeenSent(new Error('something'))).toBe(true);
    expect(mayHaveBeenSent('a string')).toBe(true);
  });
});
