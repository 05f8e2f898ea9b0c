/** What an action is recorded and recognised by: its parameters, its member, its dedup key. */
import { createHash } from 'node:crypto';
import { canonicalAddress } from '../domain/address.js';
import type { ActionRequest } from './types.js';

/** The fields of an action (not of a run's payload) that hold a call address. */
const ADDRESS_FIELDS = new Set(['to', 'from', 'member']);

/**
 * The parameters as recorded: a run's key=value pairs exactly as sent, or the action's own fields with
 * addresses in canonical form.
 */
export function stringParams(input: Record<string, unknown>): Record<string, string> {
  const isRun = typeof input.params === 'object' && input.params !== null;
  const source = isRun ? (input.params as Record<string, unknown>) : input;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      out[key] = !isRun && typeof value === 'string' && ADDRESS_FIELDS.has(key) ? canonicalAddress(value) : String(value);
    }
  }
  return out;
}

/** The member a refused draft named, canonical when it reads as an address, so `--member` finds its row. */
export function memberOf(input: Record<string, unknown>): string | undefined {
  const member = input.member ?? input.to;
  return typeof member === 'string' ? canonicalAddress(member) : undefined;
}

/** Who asked for what, where: the fields every record of a request starts from. */
export function requestFields(request: ActionRequest) {
  return {
    teamId: request.slack.teamId,
    channelId: request.slack.channelId,
    userId: request.slack.userId,
    action: request.action,
    phloId: request.phlo.id,
    nodeId: request.node?.id,
    member: request.member,
    params: stringParams(request.input),
    reason: request.reason,
    source: request.slack.source,
    stepExecutionId: request.slack.stepExecutionId,
  };
}

/**
 * Same action, same PHLO node, same member and parameters: the same dedup key, whoever sends it and
 * however they spelled the address (the parameters hold canonical addresses).
 */
export function dedupKeyOf(request: ActionRequest): string {
  const canonical = JSON.stringify([
    request.slack.teamId,
    request.action,
    request.phlo.id,
    request.node?.id ?? '',
    // By UTF-16 code unit, not localeCompare: the key is shared across instances, whose locales may differ.
    Object.entries(stringParams(request.input)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
