import type { AnyMiddlewareArgs } from '@slack/bolt';

/**
 * Answers Slack's request without running a listener. Commands, clicks and forms wait for an ack;
 * events were acked by Bolt already. `text` goes to the sender alone (a slash command's ack).
 */
export async function ackQuietly(args: AnyMiddlewareArgs, text?: string): Promise<void> {
  if (!('ack' in args) || args.ack === undefined) return;
  if (text !== undefined && 'command' in args) await args.ack({ response_type: 'ephemeral', text });
  else await (args.ack)();
}
