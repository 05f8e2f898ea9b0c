import { safeError } from './http/safeError.js';
import type { Logger } from './logger.js';
import { newErrorId } from './errorId.js';

/**
 * The last line of defence: a rejection or exception that escaped every handler is logged with an id
 * (redacted: such errors can carry a whole HTTP request, headers and all) and the app keeps serving.
 * Exiting would turn every action in flight into an unknown outcome, for a failure that was one request's.
 */
export function installProcessGuards(currentLogger: () => Logger | undefined): void {
  const report = (kind: 'unhandledRejection' | 'uncaughtException', error: unknown): void => {
    const errorId = newErrorId();
    const logger = currentLogger();
    if (logger !== undefined) {
      logger.error({ err: safeError(error), errorId, kind }, 'unexpected failure outside any handler; still serving');
    } else {
      process.stderr.write(`phlo-bot: ${kind} (${errorId}): ${safeError(error).message}\n`);
    }
  };
  process.on('unhandledRejection', (reason) => { report('unhandledRejection', reason); });
  process.on('uncaughtException', (error) => { report('uncaughtException', error); });
}
