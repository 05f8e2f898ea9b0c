/**
 * An action's result as a call's thread shows it: a reply posted under the card, or, when PHLO was slow,
 * the on-its-way message rewritten with it (chat.update). Either way a message with the result's
 * sentence block and its outcome.
 */
import type { SlackCall } from '../support/fakeSlack.js';
import { BLOCK_IDS } from '../../src/views/ids.js';
import { messageText, type Harness } from './harness.js';

const isResult = (call: SlackCall): boolean =>
  call.status === 200 &&
  messageText(call).includes('outcome *') &&
  Array.isArray(call.args.blocks) &&
  (call.args.blocks as { block_id?: string }[]).some((b) => b.block_id === BLOCK_IDS.replyText);

/** The first result in a thread that matches, posted or written over its announcement. */
export function waitForResult(h: Harness, predicate: (call: SlackCall) => boolean = () => true, timeoutMs = 10_000): Promise<SlackCall> {
  const posted = h.slack.waitForCall('chat.postMessage', (c) => typeof c.args.thread_ts === 'string' && isResult(c) && predicate(c), timeoutMs);
  const updated = h.slack.waitForCall('chat.update', (c) => isResult(c) && predicate(c), timeoutMs);
  return Promise.any([posted, updated]);
}

/** The thread replies that said an action was on its way (each later rewritten with its result). */
export const announcements = (h: Harness): SlackCall[] =>
  h.slack.callsTo('chat.postMessage').filter((c) => typeof c.args.thread_ts === 'string' && messageText(c).includes('asked PHLO to'));
