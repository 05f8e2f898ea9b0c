/**
 * undici's side of one attempt: collects the answer as a string and settles once, with the outcome
 * the client reads. One deadline per attempt bounds connecting, the headers and the whole body together
 * (undici's own phase timeouts are off: a slow trickle of body would pass them, and they would fire
 * before an answer that is already waiting in the socket is read).
 * The deadline acts after the I/O that arrived in time was read (IoDeadline).
 */
import { performance } from 'node:perf_hooks';
import type { Dispatcher } from 'undici';
import { IoDeadline } from './deadline.js';
import { TIMEOUT_CODES, errorCodeOf, mayHaveBeenSent, type AttemptOutcome } from './failures.js';

const RETRY_AFTER = 'retry-after';

/** Thrown into undici when the attempt's deadline passes; only ever seen here. */
class AttemptDeadlineError extends Error {
  readonly code = 'PHLO_ATTEMPT_DEADLINE';
}

export class AttemptHandler implements Dispatcher.DispatchHandler {
  private status: number | undefined;
  private retryAfter: string | undefined;
  private chunks: Buffer[] = [];
  private controller: Dispatcher.DispatchController | undefined;
  private timedOut = false;
  private settled = false;
  private readonly timer: IoDeadline;
  private readonly deadline: number;

  constructor(timeoutMs: number, private readonly resolve: (outcome: AttemptOutcome) => void) {
    this.deadline = performance.now() + timeoutMs;
    this.timer = new IoDeadline(timeoutMs, () => { this.onDeadline(); });
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    // The deadline passed before undici took the request up: it must not leave at all. Read from the
    // clock, since undici may write in the same turn of the loop as, and just before, the deadline acts.
    if (this.timedOut || performance.now() >= this.deadline) {
      this.timedOut = true;
      controller.abort(new AttemptDeadlineError('the attempt timed out'));
    }
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: Record<string, string | string[] | undefined>): void {
    this.status = statusCode;
    if (statusCode >= 300) {
      const value = headers[RETRY_AFTER];
      this.retryAfter = Array.isArray(value) ? value[0] : value;
    }
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    const { chunks } = this;
    const text = chunks.length === 1 ? (chunks[0]?.toString('utf8') ?? '') : Buffer.concat(chunks).toString('utf8');
    // undici's body.text() drops a byte order mark; so does this, or JSON.parse would refuse the body.
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    this.settle({ kind: 'response', status: this.status ?? 0, retryAfter: this.retryAfter, body });
  }

  onResponseError(_controller: Dispatcher.DispatchController, err: Error): void {
    this.fail(err);
  }

  /** Reads a failure the way the client needs it: a timeout, too large a body, or a network failure. */
  fail(err: unknown): void {
    const code = errorCodeOf(err);
    const { status } = this;
    if (this.timedOut || (code !== undefined && TIMEOUT_CODES.has(code))) {
      this.settle({ kind: 'timeout', cause: err });
    } else if (status !== undefined) {
      this.settle(
        code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE'
          ? { kind: 'oversized', status }
          : { kind: 'network', sent: true, errorCode: code, status, cause: err },
      );
    } else {
      this.settle({ kind: 'network', sent: mayHaveBeenSent(err), errorCode: code, cause: err });
    }
  }

  private onDeadline(): void {
    this.timedOut = true;
    const error = new AttemptDeadlineError('the attempt timed out');
    if (this.controller === undefined) {
      // Still waiting for a socket: answer now; onRequestStart will stop it if undici ever gets to it.
      this.settle({ kind: 'timeout', cause: error });
    } else {
      this.controller.abort(error);
    }
  }

  private settle(outcome: AttemptOutcome): void {
    if (this.settled) return;
    this.settled = true;
    this.timer.cancel();
    this.chunks = [];
    this.resolve(outcome);
  }
}
