import type { BlockButtonAction } from '@slack/bolt';
import { z } from 'zod';
import { clickAnswerPlace } from '../slack/replies.js';

/** Bolt types a click's container and message loosely, so they are read here, once, with zod. */
const ClickPlaceBody = z.object({
  container: z.object({ channel_id: z.string().optional(), is_ephemeral: z.boolean().optional(), thread_ts: z.string().optional() }).nullish(),
  message: z.object({ ts: z.string().optional(), thread_ts: z.string().optional() }).nullish(),
});

/** Where a click happened: its channel (none on App Home), the message and thread it was on. */
export interface ClickPlace {
  teamId: string;
  channelId: string | undefined;
  messageTs: string | undefined;
  threadTs: string | undefined;
  /** Where an answer for the clicker alone goes: the thread clicked in, or the ephemeral message's place. */
  answerThreadTs: string | undefined;
  fromEphemeral: boolean | undefined;
}

export function clickPlace(body: BlockButtonAction): ClickPlace {
  const parsed = ClickPlaceBody.safeParse(body);
  const place = parsed.success ? parsed.data : { container: undefined, message: undefined };
  const answer = clickAnswerPlace(place);
  return {
    teamId: body.team?.id ?? body.user.team_id ?? '',
    channelId: body.channel?.id ?? place.container?.channel_id,
    messageTs: place.message?.ts,
    threadTs: place.message?.thread_ts,
    answerThreadTs: answer.answerThreadTs,
    fromEphemeral: answer.fromEphemeral,
  };
}
