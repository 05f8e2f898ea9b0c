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

export const CallState = z.object({
  members: z.record(z.string(), CallMember),
  transfer: z
    .object({ initiator: z.string(), recipient: z.string(), startedBy: z.string(), at: z.number() })
    .optional(),
  lastAction: z
    .object({ userId: z.string(), action: z.string(), member: z.string().optional(), outcome: z.string(), at: z.number() })
    .optional(),
});
export type CallState = z.infer<typeof CallState>;

export const EMPTY_CALL_STATE: CallState = { members: {} };

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

/** How an action changes the card's state: edits `next`, a copy of the state with canonical addresses. */
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

/** Members still on the call, in the order the bot first saw them. */
export function activeMembers(state: CallState): [string, CallMember][] {
  return Object.entries(state.members).filter(([, m]) => m.left === undefined);
}
