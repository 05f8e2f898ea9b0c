/** Adding someone to the call, and warm and cold transfers: PHLO's multiparty call node actions. */
import { z } from 'zod';
import { canonicalAddress, Address } from '../../domain/address.js';
import { MEMBER_ROLES, TRANSFER_MODES } from '../../domain/vocabulary.js';
import { seenMember, type StateEffect } from '../callState.js';
import { grammar, nodeOf, REASON_FLAG, Role, roleOf, TARGET_FLAGS, TARGET_NOTE, withOwnAddress } from './shared.js';
import type { ActionSpec, FollowUp, Form, Grammar, Words } from './types.js';

const DialInput = z.object({ to: Address, role: Role.default('agent'), from: Address });

const DIAL_FLAGS = {
  role: { kind: 'choice', choices: MEMBER_ROLES, reason: 'unknown_role' },
  from: { kind: 'address' },
  ...TARGET_FLAGS,
  ...REASON_FLAG,
} as const;

const CALL_GRAMMAR = grammar({
  verb: 'call',
  positionals: [{ name: 'to', kind: 'address', required: true }],
  flags: DIAL_FLAGS,
  whenMissing: 'form',
  summary:
    'Adds a phone number or SIP address to the multiparty call. `--role` defaults to agent, ' +
    `\`--from\` to your own address. ${TARGET_NOTE} Without \`<to>\` it opens the call form.`,
  examples: [
    '/phlo call +14155551234',
    '/phlo call sip:bob@phone.plivo.com --role agent',
    '/phlo call "+1 (415) 555-1234" --role customer --phlo support --node queue',
  ],
  action: () => 'call',
});

/** One command, two actions: `transfer warm|cold`. */
const TRANSFER_GRAMMAR = grammar({
  verb: 'transfer',
  positionals: [
    { name: 'mode', kind: 'choice', choices: TRANSFER_MODES, reason: 'unknown_mode', required: true },
    { name: 'to', kind: 'address', required: true },
  ],
  flags: DIAL_FLAGS,
  whenMissing: 'form',
  summary:
    'Transfers the call: warm lets you talk to the new party first (then resume or abort), cold ' +
    'hands the call over at once. `--role` defaults to agent, `--from` to your own address. ' +
    `${TARGET_NOTE} \`/phlo transfer\` alone opens the transfer form.`,
  examples: ['/phlo transfer warm +14155551234', '/phlo transfer cold sip:bob@phone.plivo.com --from +14155550100', '/phlo transfer'],
  action: (values) => (values.mode === 'cold' ? 'cold_transfer' : 'warm_transfer'),
});

const TRANSFER_FORM: Form = { kind: 'transfer', choice: 'Transfer' };

function dial<G extends Grammar>(
  name: 'call' | 'warm_transfer' | 'cold_transfer',
  spec: {
    grammar: G;
    form: Form;
    words: Words;
    changes: StateEffect;
    next: (to: string, from: string) => FollowUp[];
  },
) {
  return {
    name,
    grammar: spec.grammar,
    permission: name === 'call' ? 'call' : 'transfer',
    scope: 'node',
    kind: 'change',
    input: DialInput,
    words: spec.words,
    form: spec.form,
    changes: spec.changes,
    defaults: withOwnAddress,
    member: (input) => input.to,
    perform: async (client, { phlo, input, ...request }) => {
      const result = await client.updateMultiPartyCall(phlo.id, nodeOf({ phlo, input, ...request }), {
        action: name,
        to: input.to,
        role: input.role,
        trigger_source: input.from,
      });
      return { apiId: result.apiId, status: result.status, message: result.error };
    },
    next: ({ input }) => spec.next(input.to, input.from),
  } satisfies ActionSpec<typeof DialInput>;
}

const holdAndHangUp = (member: string): FollowUp[] => [
  { action: 'hold', member },
  { action: 'hangup', member },
];

/** The one who was dialled joins with the role asked for. */
const joins: StateEffect = (next, change) => {
  next.members[change.member] = { role: roleOf(change.input) === 'customer' ? 'customer' : 'agent', held: false };
};

const fromOf = (input: Readonly<Record<string, unknown>>): string | undefined =>
  typeof input.from === 'string' ? canonicalAddress(input.from) : undefined;

export const call = dial('call', {
  grammar: CALL_GRAMMAR,
  form: { kind: 'call' },
  words: {
    label: 'Call',
    phrase: (who, input) => ({ done: `added ${who} to the call as ${roleOf(input)}`, todo: `add ${who} to the call as ${roleOf(input)}` }),
  },
  changes: joins,
  next: (to) => holdAndHangUp(to),
});

export const warmTransfer = dial('warm_transfer', {
  grammar: TRANSFER_GRAMMAR,
  form: TRANSFER_FORM,
  words: {
    label: 'Warm transfer',
    phrase: (who) => ({ done: `started a warm transfer to ${who}`, todo: `start a warm transfer to ${who}` }),
  },
  changes: (next, change) => {
    joins(next, change);
    const from = fromOf(change.input);
    if (from !== undefined) next.transfer = { initiator: from, recipient: change.member, startedBy: change.userId, at: change.at };
  },
  // PHLO resumes or aborts a warm transfer through the member who started it.
  next: (_to, from) => [
    { action: 'resume', member: from },
    { action: 'abort', member: from },
  ],
});

export const coldTransfer = dial('cold_transfer', {
  grammar: TRANSFER_GRAMMAR,
  form: TRANSFER_FORM,
  words: {
    label: 'Cold transfer',
    phrase: (who) => ({ done: `cold-transferred the call to ${who}`, todo: `cold-transfer the call to ${who}` }),
  },
  changes: (next, change) => {
    joins(next, change);
    const from = fromOf(change.input);
    if (from !== undefined && next.members[from] !== undefined) {
      next.members[from] = { ...seenMember(next, from), left: 'transferred', leftBy: change.userId };
    }
  },
  next: (to) => holdAndHangUp(to),
});
