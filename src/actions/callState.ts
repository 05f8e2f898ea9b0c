import { z } from 'zod';
import { canonicalAddress } from '../domain/address.js';
import type { ActionName } from './types.js';

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
  action: ActionName;
  userId: string;
  member?: string | undefined;
  input: Record<string, unknown>;
  outcome: string;
  at: number;
}

/**
 * The state with every address in canonical form. A card saved before addresses had one form may list
 * two spellings of one member; they become one entry (the later-seen one's state wins).
 */
function canonicalState(state: CallState): CallState {
  const next: CallState = structuredClone(state);
  next.members = {};
  for (const [address, member] of Object.entries(state.members)) next.members[canonicalAddress(address)] = member;
  if (next.transfer !== undefined) {
    next.transfer.initiator = canonicalAddress(next.transfer.initiator);
    next.transfer.recipient = canonicalAddress(next.transfer.recipient);
  }
  return next;
}

/**
 * The call as it is after `change`. Only a successful action changes the members. Members are keyed
 * by canonical address, so `+14155551234` and `14155551234` are one member on the card.
 */
export function applyToCallState(state: CallState, change: StateChange): CallState {
  const next = canonicalState(state);
  const changed = change.member === undefined ? undefined : canonicalAddress(change.member);
  next.lastAction = {
    userId: change.userId,
    action: change.action,
    outcome: change.outcome,
    at: change.at,
    ...(changed === undefined ? {} : { member: changed }),
  };
  if (change.outcome !== 'ok' || changed === undefined) return next;
  const member = changed;
  const seen = (address: string): CallMember => (next.members[address] ??= { held: false });
  const role = change.input.role === 'customer' ? 'customer' : 'agent';
  const from = typeof change.input.from === 'string' ? canonicalAddress(change.input.from) : undefined;
  switch (change.action) {
    case 'call':
      next.members[member] = { role, held: false };
      break;
    case 'warm_transfer':
      next.members[member] = { role, held: false };
      if (from !== undefined) next.transfer = { initiator: from, recipient: member, startedBy: change.userId, at: change.at };
      break;
    case 'cold_transfer':
      next.members[member] = { role, held: false };
      if (from !== undefined && next.members[from] !== undefined) {
        next.members[from] = { ...seen(from), left: 'transferred', leftBy: change.userId };
      }
      break;
    case 'hold':
      seen(member).held = true;
      break;
    case 'unhold':
      seen(member).held = false;
      break;
    case 'hangup':
      next.members[member] = { ...seen(member), held: false, left: 'hung_up', leftBy: change.userId };
      break;
    case 'voicemail':
      next.members[member] = { ...seen(member), held: false, left: 'voicemail', leftBy: change.userId };
      break;
    case 'resume':
      delete next.transfer;
      break;
    case 'abort': {
      const recipient = next.transfer?.recipient;
      if (recipient !== undefined && next.members[recipient] !== undefined) {
        next.members[recipient] = { ...seen(recipient), left: 'hung_up', leftBy: change.userId };
      }
      delete next.transfer;
      break;
    }
    default:
      break;
  }
  return next;
}

/** Members still on the call, in the order the bot first saw them. */
export function activeMembers(state: CallState): [string, CallMember][] {
  return Object.entries(state.members).filter(([, m]) => m.left === undefined);
}
