import { z } from 'zod';
import type { Logger } from '../logger.js';
import { unexpectedError, userMessage } from '../text/index.js';
import { notice } from '../views/blocks.js';
import { decodeModalMetadata } from '../views/modals/index.js';
import { clickAnswerPlace, type EphemeralTarget, type SlackReplies } from './replies.js';
import { newErrorId } from '../errorId.js';

/** Where to answer, read from whichever payload failed: a slash command, a click or a modal. */
const CommandBody = z.object({ user_id: z.string(), channel_id: z.string(), response_url: z.string().optional() });
const InteractionBody = z.object({
  user: z.object({ id: z.string() }),
  channel: z.object({ id: z.string() }).optional(),
  container: z
    .object({ type: z.string().optional(), channel_id: z.string().optional(), is_ephemeral: z.boolean().optional(), thread_ts: z.string().optional() })
    .optional(),
  message: z.object({ ts: z.string().optional(), thread_ts: z.string().optional() }).nullish(),
  response_url: z.string().optional(),
  view: z.object({ private_metadata: z.string().optional() }).optional(),
});

export function answerTarget(body: unknown): EphemeralTarget | undefined {
  const command = CommandBody.safeParse(body);
  if (command.success) {
    return { userId: command.data.user_id, channelId: command.data.channel_id, responseUrl: command.data.response_url };
  }
  const interaction = InteractionBody.safeParse(body);
  if (!interaction.success) return undefined;
  // A click on App Home comes from a view, in no channel: the answer goes to the person's messages
  // with the app (a channel id equal to the user id says so).
  if (interaction.data.container?.type === 'view' && interaction.data.channel === undefined && interaction.data.view?.private_metadata === undefined) {
    return { userId: interaction.data.user.id, channelId: interaction.data.user.id };
  }
  // A modal submission has no channel of its own: the modal remembers the one it was opened from.
  const channelId =
    interaction.data.channel?.id ??
    interaction.data.container?.channel_id ??
    decodeModalMetadata(interaction.data.view?.private_metadata)?.channelId;
  if (channelId === undefined) return undefined;
  // A click made in a thread is answered in that thread; one on a message only the user sees, in its place.
  return { userId: interaction.data.user.id, channelId, responseUrl: interaction.data.response_url, ...clickAnswerPlace(interaction.data) };
}

/** Listener errors carry the Slack error around the one thrown; find the one we threw. */
function original(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 3; depth++) {
    if (typeof current === 'object' && current !== null && 'original' in current && current.original !== undefined) {
      current = current.original;
    } else break;
  }
  return current;
}

/**
 * The one place that answers a user whose request failed. Expected errors (bad input, denials,
 * duplicates) get their sentence; anything else gets an id that is also in the log line.
 */
export async function answerError(
  deps: { replies: SlackReplies; logger: Logger },
  error: unknown,
  target: EphemeralTarget | undefined,
): Promise<void> {
  const cause = original(error);
  let text = userMessage(cause);
  if (text === undefined) {
    const errorId = newErrorId();
    deps.logger.error({ err: cause, errorId, user: target?.userId }, 'unexpected error');
    text = unexpectedError(errorId);
  }
  if (target === undefined) return;
  try {
    if (target.channelId === target.userId) await deps.replies.post(target.userId, notice(text));
    else await deps.replies.ephemeral(target, notice(text));
  } catch (answerFailure) {
    deps.logger.warn({ err: answerFailure, user: target.userId }, 'could not answer the user');
  }
}
