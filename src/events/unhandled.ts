import type { AllMiddlewareArgs, AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';

/** Long enough to name an event type, short enough that a forged one can't fill the log. */
const LOGGED_MAX = 100;

/**
 * Bolt acknowledges an Events API event before any listener runs, so one that no listener is for
 * would pass unnoticed: log and count it instead (the manifest subscribes only to `handled`, so one
 * means the app's settings and this code disagree), and go no further.
 */
export function unhandledEvents(deps: { logger: Logger; metrics: Metrics }, handled: readonly string[]): Middleware<AnyMiddlewareArgs> {
  const known = new Set(handled);
  return async (args: AnyMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    if (!('event' in args) || known.has(args.event.type)) {
      await args.next();
      return;
    }
    deps.metrics.slackUnhandled.inc({ kind: 'event' });
    deps.logger.info({ kind: 'event', eventType: args.event.type.slice(0, LOGGED_MAX) }, 'Slack request nobody handles acknowledged');
  };
}
