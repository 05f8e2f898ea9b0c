/**
 * The parts the modals are built from: Slack's own Block Kit types, every text cut to Slack's
 * limit, every select kept within its option count. The PHLO and node selects are in target.ts.
 */
import type { ContextBlock, InputBlock, InputBlockElement, KnownBlock, ModalView, PlainTextElement, PlainTextOption } from '@slack/types';
import type { Catalogue } from '../../actions/catalogue/index.js';
import type { Config } from '../../config/file.js';
import { MAX_ADDRESS_LENGTH } from '../../domain/address.js';
import { MODAL_TEXT, modalActingIn } from '../../text/index.js';
import { mrkdwn } from '../blocks.js';
import { MODAL_BLOCK_IDS } from '../ids.js';
import { LIMITS, truncate } from '../limits.js';
import { encodeModalMetadata } from './metadata.js';

/** What a modal is built from: the channel it is opened in, the configuration, the actions, the user's own address. */
export interface ModalContext {
  channelId: string;
  config: Config;
  /** The actions the picker and the forms offer. */
  catalogue: Catalogue;
  /** The user's configured address (`users.<id>.address`): prefills `from`. */
  userAddress?: string | undefined;
  /** The members the call card knows to be on a call node's open call in this channel: the member form offers them. */
  call?: CallOnNode | undefined;
}

/** A member still on the call, as its card knows them. */
export interface KnownMember {
  /** Canonical address. */
  address: string;
  role?: string | undefined;
  held: boolean;
}

/** The open call on one node of one PHLO in the channel, and who is on it. */
export interface CallOnNode {
  phloId: string;
  nodeId: string;
  members: KnownMember[];
}

/**
 * Modal limits from Slack's Block Kit reference, beyond those in ../limits.ts. Option values:
 * @slack/types 3.2 documents 75 characters (Slack's page now says 150): the stricter one is kept.
 */
export const MODAL_LIMITS = {
  buttonText: 24, // submit and close
  optionValue: 75,
  optionGroups: 100,
  radioOptions: 10,
  label: 2000,
  hint: 2000,
  placeholder: 150,
  /** plain_text_input `max_length` may be at most 3000. */
  textInput: 3000,
  /** An address field: as long as an address may be (and an action button may carry). */
  address: MAX_ADDRESS_LENGTH,
} as const;

export const plainText = (text: string, max: number): PlainTextElement => ({ type: 'plain_text', text: truncate(text, max), emoji: true });

export const option = (text: string, value: string, description?: string): PlainTextOption => ({
  text: plainText(text, LIMITS.optionText),
  value,
  ...(description === undefined ? {} : { description: plainText(description, LIMITS.optionText) }),
});

export interface InputOptions {
  hint?: string | undefined;
  optional?: boolean;
}

export function inputBlock(blockId: string, label: string, element: InputBlockElement, options: InputOptions = {}): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plainText(label, MODAL_LIMITS.label),
    element,
    ...(options.hint === undefined || options.hint === '' ? {} : { hint: plainText(options.hint, MODAL_LIMITS.hint) }),
    ...(options.optional === true ? { optional: true } : {}),
  };
}

/** A single-line address field (`to`, `from`, `member`). */
export function addressInput(blockId: string, actionId: string, label: string, initial: string | undefined, options: InputOptions & { focus?: boolean } = {}): InputBlock {
  return inputBlock(
    blockId,
    label,
    {
      type: 'plain_text_input',
      action_id: actionId,
      placeholder: plainText(MODAL_TEXT.placeholders.address, MODAL_LIMITS.placeholder),
      max_length: MODAL_LIMITS.address,
      ...(initial === undefined || initial === '' ? {} : { initial_value: initial.slice(0, MODAL_LIMITS.address) }),
      ...(options.focus === true ? { focus_on_load: true } : {}),
    },
    options,
  );
}

export function contextLine(channelId: string): ContextBlock {
  return { type: 'context', block_id: MODAL_BLOCK_IDS.context, elements: [mrkdwn(modalActingIn(channelId))] };
}

/** A modal view: title, submit and close cut to 24 characters, blocks to 100, metadata encoded. */
export function modal(spec: {
  callbackId: string;
  title: string;
  submit?: string | undefined;
  channelId: string;
  action?: string | undefined;
  blocks: KnownBlock[];
}): ModalView {
  return {
    type: 'modal',
    callback_id: spec.callbackId,
    title: plainText(spec.title, LIMITS.modalTitle),
    close: plainText(MODAL_TEXT.close, MODAL_LIMITS.buttonText),
    // Slack requires submit when the view has an input block, and shows none without one.
    ...(spec.submit === undefined ? {} : { submit: plainText(spec.submit, MODAL_LIMITS.buttonText) }),
    private_metadata: encodeModalMetadata({
      channelId: spec.channelId,
      ...(spec.action === undefined ? {} : { action: spec.action }),
    }),
    blocks: spec.blocks.slice(0, LIMITS.modalBlocks),
  };
}

/**
 * The first `max` items, always including the selected one: Slack rejects an `initial_option`
 * that is not among the options, and the preselected default must not vanish in a long list.
 */
export function capKeeping<T>(items: readonly T[], max: number, isSelected: (item: T) => boolean): T[] {
  if (items.length <= max) return [...items];
  const kept = items.slice(0, max);
  if (kept.some(isSelected)) return kept;
  const selected = items.find(isSelected);
  return selected === undefined ? kept : [...kept.slice(0, max - 1), selected];
}
