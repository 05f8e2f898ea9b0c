/** Actions on one member of a call: hold, unhold, hang up, resume or abort a transfer, voicemail drop. */
import type { MemberAction } from '../../plivo/index.js';
import type { Permission } from '../../config/index.js';
import { seenMember, type StateEffect } from '../callState.js';
import { grammar, MemberInput, nodeOf, REASON_FLAG, TARGET_FLAGS, TARGET_NOTE } from './shared.js';
import type { ActionSpec, CardButton, FollowUp, Words } from './types.js';

/** What makes one member action differ from another. */
export interface MemberActionDefinition<N extends string> {
  name: N;
  /** The `action` PHLO's member endpoint takes. */
  phloAction: MemberAction;
  permission: Permission;
  /** For `/phlo help`: what it does, one sentence. */
  does: string;
  words: Words & { description: string };
  changes?: StateEffect | undefined;
  card?: CardButton | undefined;
  next?: ((member: string) => FollowUp[]) | undefined;
}

/** A member action as a catalogue entry: `/phlo <name> <member>`, the member form, a button. */
export function memberAction<N extends string>(definition: MemberActionDefinition<N>) {
  const { name } = definition;
  return {
    name,
    grammar: grammar({
      verb: name,
      positionals: [{ name: 'member', kind: 'address', required: true }],
      flags: { ...TARGET_FLAGS, ...REASON_FLAG },
      whenMissing: 'form',
      summary: `${definition.does} ${TARGET_NOTE} Without a member it opens the member action form.`,
      examples: [`/phlo ${name} +14155551234`, `/phlo ${name} +14155551234 --phlo support --node queue`],
      action: () => name,
    }),
    permission: definition.permission,
    scope: 'node',
    kind: 'change',
    input: MemberInput,
    words: definition.words,
    form: { kind: 'member' },
    changes: definition.changes,
    card: definition.card,
    member: (input) => input.member,
    perform: async (client, request) => {
      const result = await client.updateMember(request.phlo.id, nodeOf(request), request.input.member, definition.phloAction);
      return { apiId: result.apiId, status: result.status, message: result.error };
    },
    next: ({ input }) => definition.next?.(input.member) ?? [],
  } satisfies ActionSpec<typeof MemberInput>;
}

const leaves =
  (left: 'hung_up' | 'voicemail'): StateEffect =>
  (next, { member, userId }) => {
    next.members[member] = { ...seenMember(next, member), held: false, left, leftBy: userId };
  };

export const hold = memberAction({
  name: 'hold',
  phloAction: 'hold',
  permission: 'hold',
  does: 'Puts a member on hold; the others hear hold music.',
  words: {
    label: 'Hold',
    description: 'Put them on hold',
    phrase: (who) => ({ done: `put ${who} on hold`, todo: `put ${who} on hold` }),
  },
  changes: (next, { member }) => {
    seenMember(next, member).held = true;
  },
  card: { on: 'member', when: (member) => !member.held },
  next: (member) => [{ action: 'unhold', member }],
});

export const unhold = memberAction({
  name: 'unhold',
  phloAction: 'unhold',
  permission: 'unhold',
  does: 'Takes a member off hold.',
  words: {
    label: 'Unhold',
    description: 'Take them off hold',
    phrase: (who) => ({ done: `took ${who} off hold`, todo: `take ${who} off hold` }),
  },
  changes: (next, { member }) => {
    seenMember(next, member).held = false;
  },
  card: { on: 'member', when: (member) => member.held },
  next: (member) => [{ action: 'hold', member }],
});

export const hangup = memberAction({
  name: 'hangup',
  phloAction: 'hangup',
  permission: 'hangup',
  does: 'Hangs up on a member.',
  words: {
    label: 'Hang up',
    description: 'Disconnect them from the call (cannot be undone)',
    phrase: (who) => ({ done: `hung up ${who}`, todo: `hang up ${who}` }),
    confirm: { title: 'Hang up?', text: (who) => `Disconnect ${who} from the call?`, confirm: 'Hang up' },
    danger: true,
  },
  changes: leaves('hung_up'),
  card: { on: 'member', when: () => true },
});

export const resume = memberAction({
  name: 'resume',
  phloAction: 'resume_call',
  permission: 'resume',
  does: 'Finishes a warm transfer: the member rejoins the call.',
  words: {
    label: 'Resume',
    description: 'End a warm transfer and go back to the call',
    phrase: (who) => ({
      done: `resumed the call after the transfer (through ${who})`,
      todo: `resume the call after the transfer (through ${who})`,
    }),
  },
  changes: (next) => {
    delete next.transfer;
  },
  card: { on: 'transfer' },
});

export const abort = memberAction({
  name: 'abort',
  phloAction: 'abort_transfer',
  permission: 'abort',
  does: 'Cancels a warm transfer in progress.',
  words: {
    label: 'Abort',
    description: 'Cancel a warm transfer',
    phrase: (who) => ({ done: `aborted the transfer (through ${who})`, todo: `abort the transfer (through ${who})` }),
    danger: true,
  },
  // The one being transferred to is dropped from the call.
  changes: (next, { userId }) => {
    const recipient = next.transfer?.recipient;
    if (recipient !== undefined && next.members[recipient] !== undefined) {
      next.members[recipient] = { ...seenMember(next, recipient), left: 'hung_up', leftBy: userId };
    }
    delete next.transfer;
  },
  card: { on: 'transfer' },
});

export const voicemail = memberAction({
  name: 'voicemail',
  phloAction: 'voicemail_drop',
  permission: 'voicemail',
  does: 'Drops a voicemail for a member.',
  words: {
    label: 'Voicemail drop',
    description: 'Leave the voicemail and end their leg (cannot be undone)',
    phrase: (who) => ({ done: `dropped a voicemail for ${who}`, todo: `drop a voicemail for ${who}` }),
    confirm: {
      title: 'Drop voicemail?',
      text: (who) => `Leave the voicemail for ${who} and end their leg?`,
      confirm: 'Drop voicemail',
    },
    danger: true,
  },
  changes: leaves('voicemail'),
});
