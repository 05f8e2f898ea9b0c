import type { Logger } from '../logger.js';
import { unknownOutcomeNote } from '../text/index.js';
import type { Store } from '../store/index.js';
import { message, section } from '../views/blocks.js';
import type { CallThreads } from './callThreads.js';
import type { SlackReplies } from './replies.js';

/** Older leftovers are marked unknown but not posted: nobody is waiting on them any more. */
const REPORT_WITHIN_MS = 24 * 60 * 60 * 1000;

export interface UnknownOutcomeDeps {
  store: Store;
  threads: CallThreads;
  replies: SlackReplies;
  logger: Logger;
  now: () => Date;
  /** How long an action may legitimately be in flight (on another instance, say). */
  maxInFlightMs: number;
}

/**
 * Actions left `pending` by a crash become `unknown`, and each is reported in its call thread
 * (or to its author alone, when it never got a thread) so they know to check the call.
 *
 * At start on SQLite, every pending row is a leftover: only this process uses the file. On
 * PostgreSQL another instance may still be working on a recent one, so rows younger than
 * `maxInFlightMs` are swept once more when that much time has passed.
 */
export async function sweepUnknownOutcomes(deps: UnknownOutcomeDeps): Promise<{ stop(): void }> {
  const startedAt = deps.now();
  if (deps.store.dialect === 'sqlite') {
    await reportUnknownOutcomes(deps, startedAt);
    return { stop: () => undefined };
  }
  await reportUnknownOutcomes(deps, new Date(startedAt.getTime() - deps.maxInFlightMs));
  const timer = setTimeout(() => {
    reportUnknownOutcomes(deps, startedAt).catch((error: unknown) => { deps.logger.warn({ err: error }, 'second sweep of pending actions failed'); });
  }, deps.maxInFlightMs);
  timer.unref();
  return { stop: () => { clearTimeout(timer); } };
}

async function reportUnknownOutcomes(deps: UnknownOutcomeDeps, createdBefore: Date): Promise<void> {
  const at = deps.now();
  const stale = await deps.store.actions.expireStalePending(createdBefore, at);
  for (const action of stale) {
    deps.logger.warn({ actionId: action.id, action: action.action, user: action.userId }, 'pending action found: outcome unknown');
    if (at.getTime() - action.createdAt.getTime() > REPORT_WITHIN_MS) continue;
    const text = unknownOutcomeNote(action.userId, action.action, action.member, action.params);
    const note = message(text, [section(text)]);
    try {
      if (action.threadTs === undefined) {
        await deps.replies.ephemeral({ channelId: action.channelId, userId: action.userId }, note);
      } else {
        await deps.threads.note(action.channelId, action.threadTs, note);
      }
    } catch (error) {
      deps.logger.warn({ err: error, actionId: action.id }, 'could not report an unknown outcome');
    }
  }
}
