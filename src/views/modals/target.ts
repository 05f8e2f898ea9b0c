/**
 * The PHLO and node selects of the forms. The PHLO select dispatches its choice (the listener
 * redraws the form with `views.update`), so the node select lists the chosen PHLO's nodes only;
 * before a PHLO is chosen it lists every PHLO's, grouped. A submission checks the node against
 * the PHLO chosen either way.
 */
import type { InputBlock, PlainTextElement, PlainTextOption, StaticSelect } from '@slack/types';
import type { Config } from '../../config/file.js';
import { defaultNode, findNode, findPhlo, type NodeTarget, type PhloTarget } from '../../config/lookup.js';
import { MODAL_TEXT, modalNodesTruncated, modalPhlosTruncated, modalUnknownNode, modalUnknownPhlo } from '../../text/index.js';
import { MODAL_ACTION_IDS, MODAL_BLOCK_IDS, scopedActionId } from '../ids.js';
import { LIMITS } from '../limits.js';
import { capKeeping, inputBlock, MODAL_LIMITS, option, plainText, type ModalContext } from './elements.js';

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

/** How the selects behave: `dispatch` sends a choice at once, for the listener to redraw the form with. */
export interface SelectOptions {
  /** The PHLO select dispatches (node forms: the node select then follows it). */
  dispatchPhlo: boolean;
  /** The node select dispatches too (the member form: the members on the call follow it). */
  dispatchNode: boolean;
}

/** The PHLO select: "alias — name" options, the selection preselected, at most 100 options. */
export function phloSelectBlock(choices: readonly PhloChoice[], selection: TargetSelection, dispatch = false): InputBlock {
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
  const block = inputBlock(MODAL_BLOCK_IDS.phlo, MODAL_TEXT.labels.phlo, element, { hint: hints.join(' ') });
  return dispatch ? { ...block, dispatch_action: true } : block;
}

interface NodePair {
  phlo: PhloChoice;
  rank: number;
  node: NodeTarget;
  value: string;
}

/** Every node of the PHLOs offered, in order, one per `phloId/nodeId` value that fits an option. */
function nodePairs(choices: readonly PhloChoice[]): NodePair[] {
  const seen = new Set<string>();
  const pairs: NodePair[] = [];
  choices.forEach((phlo, rank) => {
    for (const node of phlo.nodes) {
      const value = nodeValue(phlo.id, node.id);
      if (value.length > MODAL_LIMITS.optionValue || seen.has(value.toLowerCase())) continue;
      seen.add(value.toLowerCase());
      pairs.push({ phlo, rank, node, value });
    }
  });
  return pairs;
}

/**
 * The node select. With a PHLO chosen it lists that PHLO's nodes; its action_id names the PHLO, so
 * a redraw for another PHLO starts on that PHLO's default node instead of keeping the old choice
 * (Slack keeps what was chosen in an element whose block_id and action_id stay the same). With no
 * PHLO chosen, every PHLO's nodes in one option group per PHLO. Each value is `phloId/nodeId`;
 * at most 100 options. Undefined when no PHLO offered has a node.
 */
export function nodeSelectBlock(choices: readonly PhloChoice[], selection: TargetSelection, dispatch = false): InputBlock | undefined {
  const selectedPhlo = selection.phlo?.id;
  const selectedNode = selection.node?.id;
  const all = nodePairs(choices);
  if (all.length === 0) return undefined;
  const ofSelectedPhlo = (p: NodePair): boolean => selectedPhlo !== undefined && sameId(p.phlo.id, selectedPhlo);
  const isSelected = (p: NodePair): boolean => ofSelectedPhlo(p) && selectedNode !== undefined && sameId(p.node.id, selectedNode);
  const own = all.filter(ofSelectedPhlo);
  const pairs = own.length > 0 ? own : all;
  const shown = capKeeping(pairs, LIMITS.staticSelectOptions, isSelected).sort((a, b) => a.rank - b.rank);
  const hints: string[] = own.length > 0 ? [] : [MODAL_TEXT.hints.node];
  if (selection.unknownNode !== undefined) hints.push(modalUnknownNode(selection.unknownNode));
  if (shown.length < pairs.length) hints.push(modalNodesTruncated(shown.length, pairs.length));
  const base = {
    type: 'static_select' as const,
    placeholder: plainText(MODAL_TEXT.placeholders.node, MODAL_LIMITS.placeholder),
  };
  let element: StaticSelect;
  if (own.length > 0 && selectedPhlo !== undefined) {
    const options = shown.map((pair) => option(pair.node.alias, pair.value));
    const initial = options[shown.findIndex(isSelected)];
    element = { ...base, action_id: scopedActionId(MODAL_ACTION_IDS.node, selectedPhlo), options, ...(initial === undefined ? {} : { initial_option: initial }) };
  } else {
    const groups: { label: PlainTextElement; options: PlainTextOption[] }[] = [];
    let current: { rank: number; options: PlainTextOption[] } | undefined;
    for (const pair of shown) {
      if (current === undefined || current.rank !== pair.rank) {
        current = { rank: pair.rank, options: [] };
        groups.push({ label: plainText(phloLabel(pair.phlo), LIMITS.optionText), options: current.options });
      }
      current.options.push(option(pair.node.alias, pair.value));
    }
    element = { ...base, action_id: MODAL_ACTION_IDS.node, option_groups: groups.slice(0, MODAL_LIMITS.optionGroups) };
  }
  const block = inputBlock(MODAL_BLOCK_IDS.node, MODAL_TEXT.labels.node, element, { hint: hints.join(' ') });
  return dispatch ? { ...block, dispatch_action: true } : block;
}

/**
 * PHLO and node selects for an action on a multiparty call node, or undefined when no configured
 * PHLO has a node (the modal then says so instead of offering fields that can't work).
 */
export function nodeTargetBlocks(
  ctx: ModalContext,
  prefill: { phlo?: string | undefined; node?: string | undefined },
  options: SelectOptions = { dispatchPhlo: true, dispatchNode: false },
): InputBlock[] | undefined {
  const choices = phloChoices(ctx.config, { withNodes: true });
  const selection = selectTarget(ctx, prefill);
  const node = nodeSelectBlock(choices, selection, options.dispatchNode);
  if (choices.length === 0 || node === undefined) return undefined;
  return [phloSelectBlock(choices, selection, options.dispatchPhlo), node];
}
