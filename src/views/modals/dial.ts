import type { KnownBlock, ModalView, PlainTextOption, RadioButtons } from '@slack/types';
import { MEMBER_ROLES, type MemberRole, type TransferMode } from '../../language/parse.js';
import { MODAL_TEXT, modalNoNodes } from '../../text/index.js';
import { section } from '../blocks.js';
import { MODAL_ACTION_IDS, MODAL_BLOCK_IDS, MODAL_CALLBACK_IDS } from '../ids.js';
import { addressInput, contextLine, inputBlock, modal, option, type ModalContext } from './elements.js';
import { nodeTargetBlocks } from './target.js';
import { reasonBlocks } from './reason.js';

/** What a `call` command typed before the modal opened. Addresses canonical; PHLO and node as typed. */
export interface CallPrefill {
  to?: string | undefined;
  role?: MemberRole | undefined;
  from?: string | undefined;
  phlo?: string | undefined;
  node?: string | undefined;
}
export interface TransferPrefill extends CallPrefill {
  mode?: TransferMode | undefined;
}

function radio(actionId: string, options: PlainTextOption[], selected: string | undefined): RadioButtons {
  const initial = options.find((o) => o.value === selected);
  return { type: 'radio_buttons', action_id: actionId, options, ...(initial === undefined ? {} : { initial_option: initial }) };
}

export function roleBlock(role: MemberRole | undefined): KnownBlock {
  const options = MEMBER_ROLES.map((r) => option(MODAL_TEXT.roles[r], r));
  return inputBlock(MODAL_BLOCK_IDS.role, MODAL_TEXT.labels.role, radio(MODAL_ACTION_IDS.role, options, role ?? 'agent'));
}

function modeBlock(mode: TransferMode | undefined): KnownBlock {
  const options = (['warm', 'cold'] as const).map((m) => option(MODAL_TEXT.modes[m].text, m, MODAL_TEXT.modes[m].description));
  return inputBlock(MODAL_BLOCK_IDS.mode, MODAL_TEXT.labels.mode, radio(MODAL_ACTION_IDS.mode, options, mode ?? 'warm'));
}

/** The modal said instead of its fields when no PHLO has a multiparty call node: no submit button. */
export function noNodesModal(ctx: ModalContext, callbackId: string, title: string): ModalView {
  return modal({
    callbackId,
    title,
    channelId: ctx.channelId,
    blocks: [contextLine(ctx.channelId), section(modalNoNodes, MODAL_BLOCK_IDS.notice)],
  });
}

function dialModal(ctx: ModalContext, kind: 'call' | 'transfer', prefill: TransferPrefill): ModalView {
  const callbackId = MODAL_CALLBACK_IDS[kind];
  const title = MODAL_TEXT.titles[kind];
  const target = nodeTargetBlocks(ctx, prefill);
  if (target === undefined) return noNodesModal(ctx, callbackId, title);
  const blocks: KnownBlock[] = [contextLine(ctx.channelId), ...target];
  if (kind === 'transfer') blocks.push(modeBlock(prefill.mode));
  blocks.push(
    addressInput(MODAL_BLOCK_IDS.to, MODAL_ACTION_IDS.to, MODAL_TEXT.labels.to, prefill.to, { focus: true }),
    roleBlock(prefill.role),
    addressInput(MODAL_BLOCK_IDS.from, MODAL_ACTION_IDS.from, MODAL_TEXT.labels.from, prefill.from ?? ctx.userAddress, {
      hint: MODAL_TEXT.hints.from,
    }),
    ...reasonBlocks(ctx),
  );
  return modal({ callbackId, title, submit: MODAL_TEXT.submit[kind], channelId: ctx.channelId, action: kind, blocks });
}

/**
 * `/phlo transfer`: PHLO and node selects with the channel's defaults preselected, warm
 * or cold (warm unless given), the address to transfer to, their role (agent unless given), and
 * `from`, prefilled with the user's configured address.
 */
export function transferModal(ctx: ModalContext, prefill: TransferPrefill = {}): ModalView {
  return dialModal(ctx, 'transfer', prefill);
}

/** `/phlo call`: the transfer modal without warm or cold. */
export function callModal(ctx: ModalContext, prefill: CallPrefill = {}): ModalView {
  return dialModal(ctx, 'call', prefill);
}
