import { identify } from '../auth/authorize.js';
import { recordRefusal } from '../actions/refusals.js';
import type { SlackContext } from '../actions/types.js';
import type { AppDeps } from '../deps.js';
import { UserInputError } from '../errors.js';
import { runHistory } from '../history/index.js';
import { helpView } from '../views/help.js';
import { whoamiView } from '../views/whoami.js';
import { actionPickerModal, incompleteToModal, type ModalContext } from '../views/modals/index.js';
import type { ModalView } from '@slack/types';
import { InvalidPayloadError } from '../actions/errors.js';
import { parseCommand, type Command, type ParseResult } from './parse.js';
import { commandToDraft, isActionCommand } from './toDraft.js';

/** Runs the text of one `/phlo` command, after the listener acked it. */
export async function runCommand(deps: AppDeps, slack: SlackContext, text: string): Promise<void> {
  let parsed: ParseResult;
  try {
    parsed = parseCommand(text);
  } catch (error) {
    if (error instanceof UserInputError) {
      await recordRefusal(deps, slack, { action: 'command', params: { text }, outcome: 'invalid', error });
    }
    throw error;
  }
  if (parsed.kind === 'incomplete') {
    // Missing arguments open the action's modal, prefilled with what was typed (SPEC §3).
    await openModal(deps, slack, (ctx) => incompleteToModal(parsed, ctx));
    return;
  }
  await runParsed(deps, slack, parsed.command);
}

/** Opens a modal at once: the trigger_id expires three seconds after the user typed. */
async function openModal(deps: AppDeps, slack: SlackContext, build: (ctx: ModalContext) => ModalView): Promise<void> {
  if (slack.triggerId === undefined) throw new InvalidPayloadError('command without a trigger_id');
  const ctx: ModalContext = { channelId: slack.channelId, config: deps.config, userAddress: deps.config.users[slack.userId]?.address };
  await deps.replies.openModal(slack.triggerId, build(ctx));
}

async function runParsed(deps: AppDeps, slack: SlackContext, command: Command): Promise<void> {
  if (isActionCommand(command)) {
    await deps.pipeline.execute(commandToDraft(command, slack));
    return;
  }
  switch (command.verb) {
    case 'picker':
      await openModal(deps, slack, actionPickerModal);
      return;
    case 'help':
      await deps.replies.ephemeral(slack, helpView(command.topic));
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
      await runHistory(deps, slack, command);
      return;
  }
}
