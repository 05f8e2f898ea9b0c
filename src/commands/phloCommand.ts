import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { AppDeps } from '../deps.js';
import { ackLatency } from '../slack/ackLatency.js';
import { runCommand } from './runCommand.js';

/** A Slack channel name: lower-case letters, digits, `-` and `_`, at most 80. */
const CHANNEL_NAME = /^[a-z0-9][a-z0-9_-]{0,79}$/;
/** What Slack sends as `channel_name` where the conversation has no name of its own to show. */
const NOT_A_NAME = new Set(['privategroup', 'directmessage']);

/** The channel's name as the command came with it, when it is one a person would recognise. */
export function channelNameOf(raw: string | undefined): string | undefined {
  if (raw === undefined || !CHANNEL_NAME.test(raw) || NOT_A_NAME.has(raw) || raw.startsWith('mpdm-')) return undefined;
  return raw;
}

/** `/phlo …`: ack at once, then run the command; errors go to the app's error handler. */
export function phloCommand(deps: AppDeps) {
  return async ({ command, ack, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    ackLatency(deps.metrics, 'command', context);
    await deps.inFlight.run(() =>
      runCommand(
        deps,
        {
          teamId: command.team_id,
          channelId: command.channel_id,
          userId: command.user_id,
          source: 'command',
          responseUrl: command.response_url,
          triggerId: command.trigger_id,
        },
        command.text,
        channelNameOf(command.channel_name),
      ),
    );
  };
}
