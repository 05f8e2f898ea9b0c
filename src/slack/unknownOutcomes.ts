import type { Logger } from '../logger.js';
import { unknownOutcomeNote } from '../messages.js';
import type { Store } from '../store/index.js';
import { message, section } from '../views/blocks.js';
import type { CallThreads } from './callThreads.js';

/** Older leftovers are marked unknown but not posted: nobody is waiting on them any more. */
const REPORT_WITHIN_MS = 24 * 60 * 60 * 1000;

/**
 * At start: actions left `pending` by a crash are marked `unknown`, and each is reported in its
 * call thread so whoever started it knows to check the call (SPEC §8).
 */
export async function reportUnknownOutcomes(deps: {
  store: Store;
  threads: CallThreads;
  logger: Logger;
  now: () => Date;
  olderThanMs: number;
}): Promise<void> {
  const at = deps.now();
  const stale = await deps.store.actions.expireStalePending(new Date(at.getTime() - deps.olderThanMs), at);
  for (const action of stale) {
    deps.logger.warn({ actionId: action.id, action: action.action, user: action.userId }, 'pending action found at start: outcome unknown');
    if (action.threadTs === undefined || at.getTime() - action.createdAt.getTime() > REPORT_WITHIN_MS) continue;
    const text = unknownOutcomeNote(action.userId, action.action, action.member, action.params);
    try {
      await deps.threads.note(action.channelId, action.threadTs, message(text, [section(text)]));
    } catch (error) {
      deps.logger.warn({ err: error, actionId: action.id }, 'could not report an unknown outcome in its thread');
    }
  }
}
