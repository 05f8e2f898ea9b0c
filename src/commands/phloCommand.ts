import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { AppDeps } from '../deps.js';
import { ackLatency } from '../slack/ackLatency.js';
import { runCommand } from './runCommand.js';

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
      ),
    );
  };
}
