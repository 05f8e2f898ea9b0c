/**
 * What one HTTP attempt came to, and how a failure is read: a timeout, or a network failure that may
 * or may not have let the request reach PHLO.
 */
export type AttemptOutcome =
  /** `retryAfter`: the Retry-After header, read only on an error status (the retry rule wants it). */
  | { kind: 'response'; status: number; retryAfter: string | undefined; body: string }
  /** Headers arrived but the body was larger than PHLO ever sends. */
  | { kind: 'oversized'; status: number }
  | { kind: 'timeout'; cause: unknown }
  | { kind: 'network'; sent: boolean; errorCode: string | undefined; status?: number; cause: unknown };

// Failures that happen before a single byte of the request can reach PHLO.
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_PRX_TLS',
  'UND_ERR_DESTROYED',
  'UND_ERR_CLOSED',
]);
// TLS handshake failures (certificate problems) also happen before the request is written.
const TLS_HANDSHAKE_CODE = /^(ERR_TLS_|ERR_SSL_)|CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/;
export const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

function field(err: unknown, name: string): string | undefined {
  if (typeof err !== 'object' || err === null || !(name in err)) return undefined;
  const value: unknown = (err as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** The code of an error; for Node's happy-eyeballs AggregateError, the code of its first attempt. */
export function errorCodeOf(err: unknown): string | undefined {
  const own = field(err, 'code');
  if (own !== undefined) return own;
  if (err instanceof AggregateError) {
    const first: unknown = err.errors[0];
    return field(first, 'code');
  }
  return undefined;
}

/**
 * Whether a request that failed with `err` before any response may have reached PHLO. False only for
 * failures that happen before a byte is written: refused, unresolvable or unreachable hosts, connect
 * timeouts, TLS handshakes and refused proxy tunnels. Anything else (a reset, a closed socket, an
 * unknown error) may have come after the request was written.
 */
export function mayHaveBeenSent(err: unknown): boolean {
  const code = errorCodeOf(err);
  if (code !== undefined && (NOT_SENT_CODES.has(code) || TLS_HANDSHAKE_CODE.test(code))) return false;
  const syscall = field(err, 'syscall') ?? (err instanceof AggregateError ? field(err.errors[0], 'syscall') : undefined);
  if (syscall === 'connect' || syscall === 'getaddrinfo') return false;
  // undici aborts a request whose proxy tunnel (CONNECT) was refused; the target never saw it.
  if (code === 'UND_ERR_ABORTED' && /proxy/i.test(field(err, 'message') ?? '')) return false;
  return true;
}
