import type { AllMiddlewareArgs, AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../../logger.js';
import type { Store } from '../../store/index.js';
import { ackQuietly } from './ackQuietly.js';

/**
 * Slack accepts a signed request for five minutes after its timestamp, so a captured one could be
 * sent again in that time and would pass the signature check. Keep each signature a little longer
 * than that (clock skew, a timestamp slightly ahead).
 */
export const SEEN_FOR_MS = 10 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 1000;

export interface ReplayGuardDeps {
  store: Store;
  logger: Logger;
  now: () => Date;
}

/**
 * A signed request already seen, on this instance or another sharing the database, is acked and
 * not acted on again. Socket Mode requests carry no signature and are left alone.
 */
export function replayGuard(deps: ReplayGuardDeps): Middleware<AnyMiddlewareArgs> {
  let lastPruned = 0;
  return async (args: AnyMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const signature: unknown = args.context.slackSignature;
    if (typeof signature !== 'string') {
      await args.next();
      return;
    }
    const now = deps.now();
    const first = await deps.store.seenRequests.firstSighting(signature, now, new Date(now.getTime() + SEEN_FOR_MS));
    if (now.getTime() - lastPruned > PRUNE_EVERY_MS) {
      lastPruned = now.getTime();
      deps.store.seenRequests
        .prune(now)
        .catch((error: unknown) => { deps.logger.warn({ err: error }, 'could not prune seen request signatures'); });
    }
    if (!first) {
      deps.logger.warn({ requestTimestamp: args.context.slackRequestTimestamp }, 'replayed Slack request ignored');
      await ackQuietly(args);
      return;
    }
    await args.next();
  };
}
