import { z } from 'zod';
import { canonicalAddress } from '../domain/address.js';

/** What the bot has seen of one multiparty call: the state behind the call's card. */
export const CallMember = z.object({
  role: z.enum(['agent', 'customer']).optional(),
  held: z.boolean(),
  left: z.enum(['hung_up', 'voicemail', 'transferred']).optional(),
  leftBy: z.string().optional(),
});
export type CallMember = z.infer<typeof CallMember>;

/** What is known of the call as a whole, apart from its members: kept on the thread itself. */
export const CallFacts = z.object({
  transfer: z
    .object({ initiator: z.string(), recipient: z.string(), startedBy: z.string(), at: z.number() })
    .optional(),
  lastAction: z
    .object({ userId: z.string(), action: z.string(), member: z.string().optional(), outcome: z.string(), at: z.number() })
    .optional(),
});
export type CallFacts = z.infer<typeof CallFacts>;

/**
 * The call's facts and its members, keyed by canonical address in the order first seen. Members are
 * stored a row each, so a state in hand may hold only some of them: those an action involves, or those
 * a card shows.
 */
export const CallState = CallFacts.extend({
  members: z.record(z.string(), CallMember),
});
export type CallState = z.infer<typeof CallState>;

export const EMPTY_CALL_STATE: CallState = { members: {} };

/** The state without its members: what the thread row keeps. */
export function factsOf(state: CallState): CallFacts {
  const { members: _members, ...facts } = state;
  return facts;
}

export interface StateChange {
  action: string;
  userId: string;
  member?: string | undefined;
  input: Record<string, unknown>;
  outcome: string;
  at: number;
}

/** A successful action on a member, as a catalogue entry's state effect sees it. */
export interface AppliedChange {
  /** Canonical address. */
  member: string;
  userId: string;
  at: number;
  input: Readonly<Record<string, unknown>>;
}

/**
 * How an action changes the card's state: edits `next`, a copy of the state with canonical addresses.
 * `next.members` holds only the members `membersInvolved` names (those seen before): an effect reads
 * and writes no others.
 */
export type StateEffect = (next: CallState, change: AppliedChange) => void;

/** The member's entry, created (on the call, not held) when the bot had not seen them yet. */
export function seenMember(state: CallState, address: string): CallMember {
  return (state.members[address] ??= { held: false });
}

/**
 * The state with every address in canonical form. A card saved before addresses had one form may list
 * two spellings of one member; they become one entry (the later-seen one's state wins).
 */
function canonicalState(state: CallState): CallState {
  // A copy one level deep is all an effect may edit (a member's fields, the transfer), and it costs
  // far less than a deep clone on a call with many members.
  const members: CallState['members'] = {};
  for (const [address, member] of Object.entries(state.members)) members[canonicalAddress(address)] = { ...member };
  const next: CallState = { ...state, members };
  if (state.transfer !== undefined) {
    next.transfer = {
      ...state.transfer,
      initiator: canonicalAddress(state.transfer.initiator),
      recipient: canonicalAddress(state.transfer.recipient),
    };
  }
  if (state.lastAction !== undefined) next.lastAction = { ...state.lastAction };
  return next;
}

/**
 * The call as it is after `change`: the last action always, the members only when it succeeded, as
 * the action's `effect` says. Members are keyed by canonical address, so `+14155551234` and
 * `14155551234` are one member on the card.
 */
export function applyToCallState(state: CallState, change: StateChange, effect: StateEffect | undefined): CallState {
  const next = canonicalState(state);
  const changed = change.member === undefined ? undefined : canonicalAddress(change.member);
  next.lastAction = {
    userId: change.userId,
    action: change.action,
    outcome: change.outcome,
    at: change.at,
    ...(changed === undefined ? {} : { member: changed }),
  };
  if (change.outcome !== 'ok' || changed === undefined || effect === undefined) return next;
  effect(next, { member: changed, userId: change.userId, at: change.at, input: change.input });
  return next;
}

/** Whether the member is still on the call: not hung up, dropped to voicemail or transferred away. */
export function isOnCall(member: CallMember): boolean {
  return member.left === undefined;
}

/** Members still on the call, in the order the bot first saw them. */
export function activeMembers(state: CallState): [string, CallMember][] {
  return Object.entries(state.members).filter(([, m]) => isOnCall(m));
}

/**
 * The members an action's state effect may read: the one it acts on, the one a transfer is made from,
 * and both ends of a transfer in progress. Canonical addresses.
 */
export function membersInvolved(facts: CallFacts, change: StateChange): string[] {
  const involved = new Set<string>();
  if (change.member !== undefined) involved.add(canonicalAddress(change.member));
  if (typeof change.input.from === 'string') involved.add(canonicalAddress(change.input.from));
  if (facts.transfer !== undefined) {
    involved.add(canonicalAddress(facts.transfer.initiator));
    involved.add(canonicalAddress(facts.transfer.recipient));
  }
  return [...involved];
}

/** The members `after` has new or different from `before`: the rows an action writes. */
export function changedMembers(before: CallState, after: CallState): [string, CallMember][] {
  return Object.entries(after.members).filter(([address, member]) => {
    const was = before.members[address];
    return was === undefined || JSON.stringify(was) !== JSON.stringify(member);
  });
}
