import type { IncomingMessage } from 'node:http';
import type { Hold } from './byteBudget.js';
import { watchRate, type MinimumRate } from './minimumRate.js';

/** The body as it arrived, in chunks: joining them is a copy, worth making only for a body we keep. */
export type BodyResult =
  | { kind: 'body'; chunks: Buffer[]; size: number }
  | { kind: 'too_large' }
  | { kind: 'too_slow'; size: number }
  | { kind: 'no_room' }
  | { kind: 'aborted' };

export interface ReadOptions {
  limit: number;
  /** The length the request declared; undefined for a chunked body. */
  declared?: number | undefined;
  minimumRate?: MinimumRate;
  /**
   * Where the bytes are held until the caller is done with them. A chunk that completes a body of declared
   * length is not charged: it is already read, and the caller checks the whole body at once. A chunk that
   * finds no room stops reading (the rest stays in the kernel) for up to `roomWaitMs`.
   */
  hold?: Hold;
  roomWaitMs?: number;
}

/**
 * Reads a request body, counting bytes as they stream in: past `limit` it stops reading and says so,
 * whatever the request declared (a chunked body declares nothing); below the minimum rate likewise.
 */
export function readBody(req: IncomingMessage, options: ReadOptions): Promise<BodyResult> {
  const { limit, declared, hold, roomWaitMs = 0 } = options;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const rate = options.minimumRate === undefined ? undefined : watchRate(options.minimumRate, () => { finish({ kind: 'too_slow', size }); });
    const finish = (result: BodyResult): void => {
      if (done) return;
      done = true;
      rate?.stop();
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      req.off('error', onClose);
      if (result.kind !== 'body') {
        chunks.length = 0;
        req.pause();
      }
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      rate?.received(chunk.length);
      if (size > limit) {
        finish({ kind: 'too_large' });
        return;
      }
      chunks.push(chunk);
      if (hold === undefined || size === declared || hold.tryAcquire(chunk.length)) return;
      req.pause();
      rate?.pause();
      void hold.acquire(chunk.length, roomWaitMs).then((granted) => {
        if (done) return;
        if (!granted) {
          finish({ kind: 'no_room' });
          return;
        }
        rate?.resume();
        req.resume();
      });
    };
    const onEnd = (): void => { finish({ kind: 'body', chunks, size }); };
    const onClose = (): void => { finish({ kind: 'aborted' }); };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
    req.on('error', onClose);
  });
}
