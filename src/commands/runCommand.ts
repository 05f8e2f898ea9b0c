import { identify } from '../actions/auth/authorize.js';
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
import { isBuiltInCommand, parseCommand, type AnyParseResult, type BuiltInCommand } from '../language/parse.js';
import { commandToDraft } from '../language/toDraft.js';
import { formContext, withCallMembers } from '../interactions/formContext.js';

/**
 * Runs the text of one `/phlo` command, after the listener acked it. `channelName`: the channel's
 * name as the command came with it, when it has a usable one (the CSV export's title names it).
 */
export async function runCommand(deps: AppDeps, slack: SlackContext, text: string, channelName?: string): Promise<void> {
  let parsed: AnyParseResult;
  try {
    parsed = parseCommand(text, deps.catalogue);
  } catch (error) {
    if (error instanceof UserInputError) {
      await recordRefusal(deps, slack, { action: 'command', params: { text }, outcome: 'invalid', error });
    }
    throw error;
  }
  if (parsed.kind === 'incomplete') {
    // Missing arguments open the action's form, prefilled with what was typed; the member form
    // offers the members on the call it starts on.
    const grammar = deps.catalogue.grammar(parsed.verb);
    const isMemberForm = grammar !== undefined && deps.catalogue.entriesOf(grammar).some((spec) => spec.form?.kind === 'member');
    const target = { phlo: given(parsed.given.phlo), node: given(parsed.given.node) };
    await openModal(deps, slack, (ctx) => incompleteToModal(parsed, ctx), isMemberForm ? target : undefined);
    return;
  }
  const { command } = parsed;
  if (isBuiltInCommand(command)) {
    await runBuiltIn(deps, slack, command, channelName);
    return;
  }
  await deps.pipeline.execute(commandToDraft(deps.catalogue, command, slack));
}

const given = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * Opens a modal at once: the trigger_id expires three seconds after the user typed. `membersOf`: the
 * PHLO and node as typed, for a member form, whose call's members it offers (one indexed read).
 */
async function openModal(
  deps: AppDeps,
  slack: SlackContext,
  build: (ctx: ModalContext) => ModalView,
  membersOf?: { phlo?: string | undefined; node?: string | undefined },
): Promise<void> {
  if (slack.triggerId === undefined) throw new InvalidPayloadError('command without a trigger_id');
  const plain = formContext(deps, slack.channelId, slack.userId);
  const ctx = membersOf === undefined ? plain : await withCallMembers(deps, slack.teamId, plain, membersOf);
  await deps.replies.openModal(slack.triggerId, build(ctx));
}

async function runBuiltIn(deps: AppDeps, slack: SlackContext, command: BuiltInCommand, channelName: string | undefined): Promise<void> {
  switch (command.verb) {
    case 'picker':
      await openModal(deps, slack, actionPickerModal);
      return;
    case 'help':
      await deps.replies.ephemeral(slack, helpView(deps.catalogue, command.topic));
      return;
    case 'whoami': {
      const identity = await identify(deps.config, deps.groups, slack.userId);
      const channel = deps.config.channels[slack.channelId];
      await deps.replies.ephemeral(slack, whoamiView({ ...identity, channelPhlo: channel?.phlo, channelNode: channel?.node }));
      return;
    }
    case 'history':
      await runHistory(deps, slack, command, channelName);
      return;
  }
}
