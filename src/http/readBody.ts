import type { IncomingMessage } from 'node:http';

/** The body as it arrived, in chunks: joining them is a copy, worth making only for a body we keep. */
export type BodyResult = { kind: 'body'; chunks: Buffer[]; size: number } | { kind: 'too_large' } | { kind: 'aborted' };

/**
 * Reads a request body, counting bytes as they stream in: past `limit` it stops reading and says so,
 * whatever the request declared (a chunked body declares nothing).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyResult): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      req.off('error', onClose);
      if (result.kind !== 'body') req.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        finish({ kind: 'too_large' });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => { finish({ kind: 'body', chunks, size }); };
    const onClose = (): void => { finish({ kind: 'aborted' }); };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
    req.on('error', onClose);
  });
}
