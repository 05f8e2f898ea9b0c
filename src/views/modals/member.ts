import type { KnownBlock, ModalView, RadioButtons } from '@slack/types';
import { MODAL_TEXT } from '../../text/index.js';
import { MODAL_ACTION_IDS, MODAL_BLOCK_IDS, MODAL_CALLBACK_IDS } from '../ids.js';
import { noNodesModal } from './dial.js';
import { addressInput, contextLine, inputBlock, modal, nodeTargetBlocks, option, type ModalContext } from './elements.js';
import { reasonBlocks } from './reason.js';

export interface MemberPrefill {
  /** A member action of the catalogue. */
  action?: string | undefined;
  /** Canonical address. */
  member?: string | undefined;
  phlo?: string | undefined;
  node?: string | undefined;
}

/**
 * A member action on one member: PHLO, node, member, and the catalogue's member actions as radio
 * buttons. Nothing is preselected unless given: some (hang up, voicemail drop) can't be undone, so
 * the user picks them.
 */
export function memberActionModal(ctx: ModalContext, prefill: MemberPrefill = {}): ModalView {
  const callbackId = MODAL_CALLBACK_IDS.member;
  const title = MODAL_TEXT.titles.member;
  const target = nodeTargetBlocks(ctx, prefill);
  if (target === undefined) return noNodesModal(ctx, callbackId, title);
  const options = ctx.catalogue.memberActions.map((spec) => option(spec.words.label, spec.name, spec.words.description));
  const initial = options.find((o) => o.value === prefill.action);
  const action: RadioButtons = {
    type: 'radio_buttons',
    action_id: MODAL_ACTION_IDS.memberAction,
    options,
    ...(initial === undefined ? {} : { initial_option: initial }),
  };
  const blocks: KnownBlock[] = [
    contextLine(ctx.channelId),
    ...target,
    addressInput(MODAL_BLOCK_IDS.member, MODAL_ACTION_IDS.member, MODAL_TEXT.labels.member, prefill.member, {
      hint: MODAL_TEXT.hints.member,
      focus: true,
    }),
    inputBlock(MODAL_BLOCK_IDS.memberAction, MODAL_TEXT.labels.memberAction, action),
    ...reasonBlocks(ctx),
  ];
  return modal({
    callbackId,
    title,
    submit: MODAL_TEXT.submit.member,
    channelId: ctx.channelId,
    action: prefill.action,
    blocks,
  });
}
