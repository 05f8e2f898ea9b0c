import { identify } from '../auth/authorize.js';
import { recordInvalidAttempt } from '../actions/refusals.js';
import type { SlackContext } from '../actions/types.js';
import type { AppDeps } from '../deps.js';
import { UserInputError } from '../errors.js';
import { helpView } from '../views/help.js';
import { whoamiView } from '../views/whoami.js';
import { MissingArgumentError } from './errors.js';
import { parseCommand, type Command, type ParseResult } from './parse.js';
import { commandToDraft, isActionCommand } from './toDraft.js';

/** Runs the text of one `/phlo` command, after the listener acked it. */
export async function runCommand(deps: AppDeps, slack: SlackContext, text: string): Promise<void> {
  let parsed: ParseResult;
  try {
    parsed = parseCommand(text);
    if (parsed.kind === 'incomplete') throw new MissingArgumentError({ verb: parsed.verb, missing: parsed.missing });
  } catch (error) {
    if (error instanceof UserInputError) await recordInvalidAttempt(deps, slack, 'command', { text }, error);
    throw error;
  }
  await runParsed(deps, slack, parsed.command);
}

async function runParsed(deps: AppDeps, slack: SlackContext, command: Command): Promise<void> {
  if (isActionCommand(command)) {
    await deps.pipeline.execute(commandToDraft(command, slack));
    return;
  }
  switch (command.verb) {
    case 'picker':
    case 'help':
      await deps.replies.ephemeral(slack, helpView(command.verb === 'help' ? command.topic : undefined));
      return;
    case 'whoami': {
      const identity = await identify(deps.config, deps.groups, slack.userId);
      const channel = deps.config.channels[slack.channelId];
      await deps.replies.ephemeral(
        slack,
        whoamiView({ ...identity, channelPhlo: channel?.phlo, channelNode: channel?.node }),
      );
      return;
    }
    case 'history':
      await deps.replies.ephemeral(slack, helpView('history'));
      return;
  }
}
