import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../logger.js';

/** Bolt and the Web API client log through the app's pino logger, so their lines are JSON too. */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  let level: LogLevel = LogLevel.INFO;
  const text = (msg: unknown[]): string => msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' ');
  return {
    // Bolt and the Web API client call debug() several times per request: format only what pino keeps.
    debug: (...msg: unknown[]) => { if (child.isLevelEnabled('debug')) child.debug(text(msg)); },
    info: (...msg: unknown[]) => { if (child.isLevelEnabled('info')) child.info(text(msg)); },
    warn: (...msg: unknown[]) => { child.warn(text(msg)); },
    error: (...msg: unknown[]) => { child.error(text(msg)); },
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
