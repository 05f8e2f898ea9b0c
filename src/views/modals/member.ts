import type { InputBlock, KnownBlock, ModalView, PlainTextOption, RadioButtons, StaticSelect } from '@slack/types';
import { canonicalAddress } from '../../domain/address.js';
import { MODAL_TEXT, memberOptionText } from '../../text/index.js';
import { MODAL_ACTION_IDS, MODAL_BLOCK_IDS, MODAL_CALLBACK_IDS, scopedActionId } from '../ids.js';
import { LIMITS } from '../limits.js';
import { noNodesModal } from './dial.js';
import { addressInput, contextLine, inputBlock, MODAL_LIMITS, modal, option, plainText, type KnownMember, type ModalContext } from './elements.js';
import { nodeTargetBlocks, selectTarget } from './target.js';
import { reasonBlocks } from './reason.js';

export interface MemberPrefill {
  /** A member action of the catalogue. */
  action?: string | undefined;
  /** Canonical address. */
  member?: string | undefined;
  phlo?: string | undefined;
  node?: string | undefined;
}

/** The members the card knows on the call the form starts on; none when it knows of none, or of another node's. */
function membersOnCall(ctx: ModalContext, prefill: MemberPrefill): { nodeId: string; members: KnownMember[] } | undefined {
  const { phlo, node } = selectTarget(ctx, prefill);
  const call = ctx.call;
  if (call === undefined || phlo === undefined || node === undefined) return undefined;
  if (call.phloId.toLowerCase() !== phlo.id.toLowerCase() || call.nodeId.toLowerCase() !== node.id.toLowerCase()) return undefined;
  // An option's value is the address: one longer than a value may be is typed instead.
  const members = call.members.filter((m) => m.address.length <= MODAL_LIMITS.optionValue).slice(0, LIMITS.staticSelectOptions);
  return members.length === 0 ? undefined : { nodeId: node.id, members };
}

/**
 * Who to act on: the members on the call as a select (its action_id names the node, so another
 * node's redraw starts unselected), and an address field for anyone else; both optional, the
 * submission takes the one filled in. Without members known, the address field alone.
 */
function memberBlocks(ctx: ModalContext, prefill: MemberPrefill): InputBlock[] {
  const onCall = membersOnCall(ctx, prefill);
  if (onCall === undefined) {
    return [addressInput(MODAL_BLOCK_IDS.member, MODAL_ACTION_IDS.member, MODAL_TEXT.labels.member, prefill.member, { hint: MODAL_TEXT.hints.member, focus: true })];
  }
  const options: PlainTextOption[] = onCall.members.map((m) => option(memberOptionText(m.address, m.role, m.held), m.address));
  const given = prefill.member === undefined ? undefined : canonicalAddress(prefill.member);
  const initial = options.find((o) => o.value === given);
  const select: StaticSelect = {
    type: 'static_select',
    action_id: scopedActionId(MODAL_ACTION_IDS.memberOnCall, onCall.nodeId),
    placeholder: plainText(MODAL_TEXT.placeholders.memberOnCall, MODAL_LIMITS.placeholder),
    options,
    ...(initial === undefined ? {} : { initial_option: initial }),
    focus_on_load: true,
  };
  return [
    inputBlock(MODAL_BLOCK_IDS.memberOnCall, MODAL_TEXT.labels.memberOnCall, select, { optional: true, hint: MODAL_TEXT.hints.memberOnCall }),
    addressInput(MODAL_BLOCK_IDS.member, MODAL_ACTION_IDS.member, MODAL_TEXT.labels.memberTyped, initial === undefined ? prefill.member : undefined, {
      hint: MODAL_TEXT.hints.member,
      optional: true,
    }),
  ];
}

/**
 * A member action on one member: PHLO, node, member, and the catalogue's member actions as radio
 * buttons. Nothing is preselected unless given: some (hang up, voicemail drop) can't be undone, so
 * the user picks them. Choosing a PHLO or node redraws the form with that call's members.
 */
export function memberActionModal(ctx: ModalContext, prefill: MemberPrefill = {}): ModalView {
  const callbackId = MODAL_CALLBACK_IDS.member;
  const title = MODAL_TEXT.titles.member;
  const target = nodeTargetBlocks(ctx, prefill, { dispatchPhlo: true, dispatchNode: true });
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
    ...memberBlocks(ctx, prefill),
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
