import type { Logger } from '../logger.js';
import type { Announcement } from './ports.js';

/**
 * How long PHLO may take before the call's thread is told an action is on its way. An agent who
 * clicked Hold expects to see something within about a second, past which a wait reads as "did it
 * work?". PHLO usually answers well inside that, so announcing every action at once would double the
 * thread's messages and Slack calls for nothing; announcing only the slow ones costs nothing when PHLO
 * is fast. The result then replaces the announcement, so the thread still has one message per action.
 */
export const ANNOUNCE_AFTER_MS = 1000;

/**
 * The on-its-way message of one action, asked for only if PHLO has not answered `afterMs` after the
 * request left. `stop` once PHLO answers; `announcement` then says whether one was posted (waiting for
 * a post in progress), so the result can replace it.
 */
export class SlowAnswerNotice {
  private timer: NodeJS.Timeout | undefined;
  private posting: Promise<Announcement | undefined> | undefined;

  constructor(
    afterMs: number,
    post: () => Promise<Announcement | undefined>,
    logger: Logger,
  ) {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // A missing announcement loses nothing: the result is posted as a reply as usual.
      this.posting = post().catch((error: unknown) => {
        logger.warn({ err: error }, 'could not say in the call thread that the action is on its way');
        return undefined;
      });
    }, afterMs);
  }

  /** PHLO answered (or failed): no announcement from now on. */
  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The announcement posted, once its post has finished; undefined when there was none. */
  announcement(): Promise<Announcement | undefined> {
    this.stop();
    return this.posting ?? Promise.resolve(undefined);
  }
}
