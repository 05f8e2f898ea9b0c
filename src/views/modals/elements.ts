/**
 * The parts the modals are built from: Slack's own Block Kit types, every text cut to Slack's
 * limit, every select kept within its option count (with a hint saying so), and the PHLO and node
 * selects shared by all modals.
 */
import type {
  ContextBlock,
  InputBlock,
  InputBlockElement,
  KnownBlock,
  ModalView,
  PlainTextElement,
  PlainTextOption,
  StaticSelect,
} from '@slack/types';
import type { Catalogue } from '../../actions/catalogue/index.js';
import type { Config } from '../../config/file.js';
import { MAX_ADDRESS_LENGTH } from '../../domain/address.js';
import { defaultNode, findNode, findPhlo, type NodeTarget, type PhloTarget } from '../../config/lookup.js';
import { MODAL_TEXT, modalActingIn, modalNodesTruncated, modalPhlosTruncated, modalUnknownNode, modalUnknownPhlo } from '../../text/index.js';
import { mrkdwn } from '../blocks.js';
import { MODAL_ACTION_IDS, MODAL_BLOCK_IDS } from '../ids.js';
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

// --- PHLO and node -------------------------------------------------------------------------

/** A configured PHLO as the selects show it. Option values are ids: a PHLO id, `phloId/nodeId`. */
export interface PhloChoice {
  alias: string;
  id: string;
  name?: string | undefined;
  nodes: NodeTarget[];
}

/**
 * The PHLOs in configuration order, one per id (two aliases of one PHLO would give two options
 * with the same value). `withNodes`: only those with a multiparty call node, for node actions.
 */
export function phloChoices(config: Config, options: { withNodes: boolean }): PhloChoice[] {
  const seen = new Set<string>();
  const out: PhloChoice[] = [];
  for (const [alias, phlo] of Object.entries(config.phlos)) {
    const key = phlo.id.toLowerCase();
    if (seen.has(key)) continue;
    const nodes = Object.entries(phlo.nodes).map(([nodeAlias, id]) => ({ alias: nodeAlias, id }));
    if (options.withNodes && nodes.length === 0) continue;
    seen.add(key);
    out.push({ alias, id: phlo.id, name: phlo.name, nodes });
  }
  return out;
}

export const phloLabel = (p: { alias: string; name?: string | undefined }): string =>
  p.name === undefined || p.name === p.alias ? p.alias : `${p.alias} — ${p.name}`;

const NODE_VALUE_SEPARATOR = '/';
export const nodeValue = (phloId: string, nodeId: string): string => `${phloId}${NODE_VALUE_SEPARATOR}${nodeId}`;
/** `phloId/nodeId` back to its parts, or undefined. Ids never contain the separator. */
export function splitNodeValue(value: string): { phloId: string; nodeId: string } | undefined {
  const parts = value.split(NODE_VALUE_SEPARATOR);
  const [phloId, nodeId] = parts;
  if (parts.length !== 2 || phloId === undefined || nodeId === undefined || phloId === '' || nodeId === '') return undefined;
  return { phloId, nodeId };
}

// Configuration records are plain objects: `constructor` or `toString` must not read as an alias.
function lookupPhlo(config: Config, aliasOrId: string): PhloTarget | undefined {
  const found = findPhlo(config, aliasOrId);
  return found !== undefined && typeof found.id === 'string' && Object.hasOwn(config.phlos, found.alias) ? found : undefined;
}
function lookupNode(config: Config, phlo: PhloTarget, aliasOrId: string): NodeTarget | undefined {
  const nodes = config.phlos[phlo.alias]?.nodes ?? {};
  const found = findNode(config, phlo, aliasOrId);
  return found !== undefined && typeof found.id === 'string' && Object.hasOwn(nodes, found.alias) ? found : undefined;
}

export interface TargetSelection {
  phlo?: PhloTarget | undefined;
  node?: NodeTarget | undefined;
  /** A PHLO or node the command named that the configuration doesn't: said in the field's hint. */
  unknownPhlo?: string | undefined;
  unknownNode?: string | undefined;
}

/**
 * What the PHLO and node selects start on: what the command typed, else the channel's defaults
 * (as for a typed command), else the PHLO's own default node. The channel's node applies only to its PHLO.
 */
export function selectTarget(ctx: ModalContext, prefill: { phlo?: string | undefined; node?: string | undefined }): TargetSelection {
  const { config } = ctx;
  const channel = Object.hasOwn(config.channels, ctx.channelId) ? config.channels[ctx.channelId] : undefined;
  const channelPhlo = channel === undefined ? undefined : lookupPhlo(config, channel.phlo);
  const out: TargetSelection = {};
  if (prefill.phlo !== undefined && prefill.phlo !== '') {
    out.phlo = lookupPhlo(config, prefill.phlo);
    if (out.phlo === undefined) out.unknownPhlo = prefill.phlo;
  } else {
    out.phlo = channelPhlo;
  }
  if (out.phlo === undefined) return out;
  if (prefill.node !== undefined && prefill.node !== '') {
    out.node = lookupNode(config, out.phlo, prefill.node);
    if (out.node === undefined) out.unknownNode = prefill.node;
  } else if (channel?.node !== undefined && channelPhlo?.id === out.phlo.id) {
    out.node = lookupNode(config, out.phlo, channel.node);
  }
  out.node ??= out.unknownNode === undefined ? defaultNode(config, out.phlo) : undefined;
  return out;
}

const sameId = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The PHLO select: "alias — name" options, the selection preselected, at most 100 options. */
export function phloSelectBlock(choices: readonly PhloChoice[], selection: TargetSelection): InputBlock {
  const selectedId = selection.phlo?.id;
  const isSelected = (c: PhloChoice): boolean => selectedId !== undefined && sameId(c.id, selectedId);
  const shown = capKeeping(choices, LIMITS.staticSelectOptions, isSelected);
  const options = shown.map((c) => option(phloLabel(c), c.id));
  const selectedIndex = shown.findIndex(isSelected);
  const hints: string[] = [];
  if (selection.unknownPhlo !== undefined) hints.push(modalUnknownPhlo(selection.unknownPhlo));
  if (shown.length < choices.length) hints.push(modalPhlosTruncated(shown.length, choices.length));
  const element: StaticSelect = {
    type: 'static_select',
    action_id: MODAL_ACTION_IDS.phlo,
    placeholder: plainText(MODAL_TEXT.placeholders.phlo, MODAL_LIMITS.placeholder),
    options,
    ...(selectedIndex === -1 ? {} : { initial_option: options[selectedIndex] }),
  };
  return inputBlock(MODAL_BLOCK_IDS.phlo, MODAL_TEXT.labels.phlo, element, { hint: hints.join(' ') });
}

/**
 * The node select. A static select can't change with another select without a round trip, so it
 * lists the nodes of every PHLO offered, in one option group per PHLO (labelled like the PHLO
 * select), and the submission checks that the node is one of the chosen PHLO's. Each option's
 * value is `phloId/nodeId`. At most 100 options in all, the preselected PHLO's nodes first.
 * Undefined when no PHLO offered has a node.
 */
export function nodeSelectBlock(choices: readonly PhloChoice[], selection: TargetSelection): InputBlock | undefined {
  const selectedPhlo = selection.phlo?.id;
  const selectedNode = selection.node?.id;
  interface Pair {
    phlo: PhloChoice;
    rank: number;
    node: NodeTarget;
    value: string;
  }
  const seen = new Set<string>();
  const pairs: Pair[] = [];
  choices.forEach((phlo, rank) => {
    for (const node of phlo.nodes) {
      const value = nodeValue(phlo.id, node.id);
      if (value.length > MODAL_LIMITS.optionValue || seen.has(value.toLowerCase())) continue;
      seen.add(value.toLowerCase());
      pairs.push({ phlo, rank, node, value });
    }
  });
  if (pairs.length === 0) return undefined;
  const ofSelectedPhlo = (p: Pair): boolean => selectedPhlo !== undefined && sameId(p.phlo.id, selectedPhlo);
  const isSelected = (p: Pair): boolean => ofSelectedPhlo(p) && selectedNode !== undefined && sameId(p.node.id, selectedNode);
  const prioritized = [...pairs.filter(ofSelectedPhlo), ...pairs.filter((p) => !ofSelectedPhlo(p))];
  const shown = capKeeping(prioritized, LIMITS.staticSelectOptions, isSelected).sort((a, b) => a.rank - b.rank);

  const groups: { label: PlainTextElement; options: PlainTextOption[] }[] = [];
  let initial: PlainTextOption | undefined;
  let current: { rank: number; options: PlainTextOption[] } | undefined;
  for (const pair of shown) {
    if (current === undefined || current.rank !== pair.rank) {
      current = { rank: pair.rank, options: [] };
      groups.push({ label: plainText(phloLabel(pair.phlo), LIMITS.optionText), options: current.options });
    }
    const opt = option(pair.node.alias, pair.value);
    current.options.push(opt);
    if (isSelected(pair)) initial = opt;
  }
  const hints: string[] = [MODAL_TEXT.hints.node];
  if (selection.unknownNode !== undefined) hints.push(modalUnknownNode(selection.unknownNode));
  if (shown.length < pairs.length) hints.push(modalNodesTruncated(shown.length, pairs.length));
  const element: StaticSelect = {
    type: 'static_select',
    action_id: MODAL_ACTION_IDS.node,
    placeholder: plainText(MODAL_TEXT.placeholders.node, MODAL_LIMITS.placeholder),
    option_groups: groups.slice(0, MODAL_LIMITS.optionGroups),
    ...(initial === undefined ? {} : { initial_option: initial }),
  };
  return inputBlock(MODAL_BLOCK_IDS.node, MODAL_TEXT.labels.node, element, { hint: hints.join(' ') });
}

/**
 * PHLO and node selects for an action on a multiparty call node, or undefined when no configured
 * PHLO has a node (the modal then says so instead of offering fields that can't work).
 */
export function nodeTargetBlocks(ctx: ModalContext, prefill: { phlo?: string | undefined; node?: string | undefined }): InputBlock[] | undefined {
  const choices = phloChoices(ctx.config, { withNodes: true });
  const selection = selectTarget(ctx, prefill);
  const node = nodeSelectBlock(choices, selection);
  if (choices.length === 0 || node === undefined) return undefined;
  return [phloSelectBlock(choices, selection), node];
}
