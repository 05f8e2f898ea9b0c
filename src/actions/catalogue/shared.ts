/** Pieces several catalogue families use: target flags, inputs, helpers for PHLO's answers. */
import { z } from 'zod';
import { Address } from '../../domain/address.js';
import { MEMBER_ROLES } from '../../domain/vocabulary.js';
import type { ActionRequest, Identity } from '../types.js';
import type { Flag, Grammar } from './types.js';

/** `--phlo` and `--node`: the target, as typed (alias or id); the pipeline resolves them. */
export const TARGET_FLAGS = { phlo: { kind: 'word', meta: 'P' }, node: { kind: 'word', meta: 'N' } } as const satisfies Record<string, Flag>;
/**
 * `--reason "…"`: why, for the person approving, on the verbs a configuration may gate. It is not the
 * action's input (it is never sent to PHLO, nor part of what makes two actions the same).
 */
export const REASON_FLAG = { reason: { kind: 'word', meta: '"why"' } } as const satisfies Record<string, Flag>;
export const TARGET_NOTE = '`--phlo` and `--node` default to this channel’s PHLO and node.';

export const Role = z.enum(MEMBER_ROLES);
export const MemberInput = z.object({ member: Address });
export const NoInput = z.object({});

/**
 * A grammar as written, literal types kept (verb, argument names, choices): the app's commands are
 * then a type derived from it (see src/language/parse.ts), never written out a second time.
 */
export const grammar = <const G extends Grammar>(g: G): G => g;

type Fact = [label: string, value: string | undefined];

/** The facts PHLO's answer had: a field it left out is left out of the reply, not shown as blank. */
export function known(facts: Fact[]): [string, string][] {
  return facts.filter((fact): fact is [string, string] => fact[1] !== undefined && fact[1] !== '');
}

/** A list of ids as a fact: `none` when PHLO said the list is empty, absent when it did not say. */
export const list = (values: string[] | undefined): string | undefined => (values === undefined ? undefined : values.join(', ') || 'none');

export const withOwnAddress = (input: Record<string, unknown>, identity: Identity): Record<string, unknown> =>
  input.from === undefined && identity.address !== undefined ? { ...input, from: identity.address } : input;

export function nodeOf(request: ActionRequest<unknown>): string {
  // The pipeline resolves a node for every node-scoped action before calling perform.
  if (request.node === undefined) throw new Error(`${request.action} needs a node`);
  return request.node.id;
}

/** The role a dial input asked for, as a sentence says it. */
export const roleOf = (input: Readonly<Record<string, unknown>>): string => (input.role === 'customer' ? 'customer' : 'agent');
