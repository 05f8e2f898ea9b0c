/**
 * A node form drawn again when its PHLO (or, in the member form, its node) is chosen: the node
 * select then lists that PHLO's nodes and the member select that call's members. What was typed
 * and chosen elsewhere is carried over: Slack keeps it too (same block_id and action_id), and
 * the form is drawn from it so it reads the same either way.
 */
import type { ModalView } from '@slack/types';
import { z } from 'zod';
import { MEMBER_ROLES, TRANSFER_MODES } from '../../domain/vocabulary.js';
import { isActionIdOf, MODAL_ACTION_IDS, MODAL_BLOCK_IDS, MODAL_CALLBACK_IDS } from '../ids.js';
import { callModal, transferModal } from './dial.js';
import type { ModalContext } from './elements.js';
import { memberActionModal } from './member.js';
import { splitNodeValue } from './target.js';

/** The forms whose PHLO and node selects dispatch. */
export type NodeFormKind = 'call' | 'transfer' | 'member';

/** The node form a view's callback_id names, if any. */
export function nodeFormOf(callbackId: string): NodeFormKind | undefined {
  return (['call', 'transfer', 'member'] as const).find((kind) => MODAL_CALLBACK_IDS[kind] === callbackId);
}

/** What was chosen: a PHLO (its id), or a node (`phloId/nodeId`, as the node select's values are). */
export type TargetChoice = { phloId: string } | { nodeValue: string };

const Element = z.looseObject({ value: z.string().nullish(), selected_option: z.looseObject({ value: z.string() }).nullish() });
const StateValues = z.record(z.string(), z.record(z.string(), z.unknown()));

type Field = keyof typeof MODAL_ACTION_IDS;

/** One field's text or chosen value, as the view's state holds it; undefined when empty or unreadable. */
function valueOf(values: z.infer<typeof StateValues>, field: Field): string | undefined {
  const block = Object.hasOwn(values, MODAL_BLOCK_IDS[field]) ? values[MODAL_BLOCK_IDS[field]] : undefined;
  const actionId = block === undefined ? undefined : Object.keys(block).find((id) => isActionIdOf(id, MODAL_ACTION_IDS[field]));
  const parsed = Element.safeParse(block !== undefined && actionId !== undefined ? block[actionId] : undefined);
  if (!parsed.success) return undefined;
  const value = parsed.data.selected_option?.value ?? parsed.data.value?.trim();
  return value === undefined || value === '' ? undefined : value;
}

const oneOf = <T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined => allowed.find((a) => a === value);

/**
 * The form of `kind` drawn for the PHLO or node chosen, with what the view's state holds elsewhere.
 * Undefined when the choice names no node of a configured PHLO (a forged payload).
 */
export function redrawnForm(ctx: ModalContext, kind: NodeFormKind, stateValues: unknown, choice: TargetChoice): ModalView | undefined {
  const values = StateValues.safeParse(stateValues);
  const state = values.success ? values.data : {};
  const target = 'phloId' in choice ? { phlo: choice.phloId } : splitNodeValue(choice.nodeValue);
  if (target === undefined) return undefined;
  const prefill = 'phloId' in target ? { phlo: target.phloId, node: target.nodeId } : { phlo: target.phlo };
  const phlo = Object.values(ctx.config.phlos).find((p) => p.id.toLowerCase() === prefill.phlo.toLowerCase());
  if (phlo === undefined) return undefined;
  const nodeId = prefill.node?.toLowerCase();
  if (nodeId !== undefined && !Object.values(phlo.nodes).some((id) => id.toLowerCase() === nodeId)) return undefined;
  const dial = {
    ...prefill,
    to: valueOf(state, 'to'),
    from: valueOf(state, 'from'),
    role: oneOf(valueOf(state, 'role'), MEMBER_ROLES),
  };
  switch (kind) {
    case 'call':
      return callModal(ctx, dial);
    case 'transfer':
      return transferModal(ctx, { ...dial, mode: oneOf(valueOf(state, 'mode'), TRANSFER_MODES) });
    case 'member':
      return memberActionModal(ctx, {
        ...prefill,
        // A member chosen on another call is not one of this call's: only a typed address is carried over.
        member: valueOf(state, 'member'),
        action: ctx.catalogue.memberAction(valueOf(state, 'memberAction') ?? '')?.name,
      });
  }
}
