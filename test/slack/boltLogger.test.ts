import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { boltLogger } from '../../src/slack/boltLogger.js';

function capture(): { stream: Writable; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter((l) => l !== '')) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { stream, lines };
}

describe("Bolt's log lines", () => {
  it('are JSON lines of the app, tagged bolt, with objects written out', () => {
    const { stream, lines } = capture();
    boltLogger(createLogger('debug', stream)).debug('http request', { url: 'chat.postMessage' });
    expect(lines).toMatchObject([{ component: 'bolt', msg: 'http request {"url":"chat.postMessage"}' }]);
  });

  it('cost nothing below the level: a debug argument is not even written out at info', () => {
    const { stream, lines } = capture();
    let formatted = 0;
    const costly = { toJSON: () => { formatted += 1; return 'x'; } };
    const logger = boltLogger(createLogger('info', stream));
    logger.debug('apiCall', costly);
    logger.info('started', costly);
    expect(lines.map((l) => l.msg)).toEqual(['started "x"']);
    expect(formatted).toBe(1);
  });
});
