/** Fixtures and a Block Kit limit checker for the view tests (not a test file itself). */
import type { ModalView, PlainTextOption } from '@slack/types';
import { Config } from '../../src/config/file.js';
import { LIMITS } from '../../src/views/limits.js';
import { MODAL_LIMITS } from '../../src/views/modals/index.js';

export const IDS = {
  support: '4c1a9f23-7f56-4879-bb80-db856e1e7701',
  supportQueue: 'b4b48fc2-f47a-4a93-97c3-749ed9a40fa8',
  supportVip: 'c5c59fd3-0000-4000-8000-000000000002',
  sales: 'd6d6a0e4-0000-4000-8000-000000000003',
  salesFloor: 'e7e7b1f5-0000-4000-8000-000000000004',
  batch: 'f8f8c2a6-0000-4000-8000-000000000005',
} as const;

export const CHANNEL = 'C0123SUPPORT';
export const OTHER_CHANNEL = 'C0999OTHER';
export const ALICE_ADDRESS = '+14155550100';

export const config: Config = Config.parse({
  phlos: {
    support: {
      id: IDS.support,
      name: 'Support line',
      nodes: { queue: IDS.supportQueue, vip: IDS.supportVip },
      default_node: 'queue',
    },
    sales: { id: IDS.sales, nodes: { floor: IDS.salesFloor } },
    batch: { id: IDS.batch, name: 'Nightly batch' },
  },
  channels: { [CHANNEL]: { phlo: 'support', node: 'vip' } },
  roles: { agent: ['*'] },
  users: { U0123ALICE: { role: 'agent', address: ALICE_ADDRESS } },
});

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');
export const uuid = (a: number, b: number): string => `${hex(a, 8)}-0000-4000-8000-${hex(b, 12)}`;

/** 150 PHLOs × 5 nodes, every alias 64 characters and every name 80: more than Slack can list. */
export function bigConfig(): Config {
  const phlos: Record<string, unknown> = {};
  for (let p = 0; p < 150; p++) {
    const nodes: Record<string, string> = {};
    for (let n = 0; n < 5; n++) nodes[`node${n}-${'n'.repeat(58)}`.slice(0, 64)] = uuid(p + 1, p * 10 + n + 1);
    phlos[`phlo${String(p).padStart(3, '0')}-${'x'.repeat(60)}`.slice(0, 64)] = {
      id: uuid(p + 1, 0),
      name: `PHLO number ${p} ${'with a very long name '.repeat(4)}`.slice(0, 80),
      nodes,
    };
  }
  const aliases = Object.keys(phlos);
  const late = aliases[140] as string;
  const lateNodes = Object.keys((phlos[late] as { nodes: Record<string, string> }).nodes);
  return Config.parse({
    phlos,
    channels: { [CHANNEL]: { phlo: late, node: lateNodes[4] } },
    roles: { agent: ['*'] },
  });
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const textOf = (v: unknown): string => (isObject(v) && typeof v.text === 'string' ? v.text : '');

/** The options of a select, flattened across option groups. */
export function optionsOf(element: Json): PlainTextOption[] {
  if (Array.isArray(element.options)) return element.options as PlainTextOption[];
  if (Array.isArray(element.option_groups)) {
    return (element.option_groups as { options: PlainTextOption[] }[]).flatMap((g) => g.options);
  }
  return [];
}

/** Every problem Slack would reject a view or message for, as sentences; [] when within limits. */
export function violations(view: { blocks: unknown[] } & Partial<ModalView>, maxBlocks: number): string[] {
  const out: string[] = [];
  const check = (ok: boolean, what: string): void => {
    if (!ok) out.push(what);
  };
  if (view.type === 'modal') {
    check(textOf(view.title).length <= LIMITS.modalTitle, `title "${textOf(view.title)}" > ${LIMITS.modalTitle}`);
    check(textOf(view.submit).length <= MODAL_LIMITS.buttonText, 'submit too long');
    check(textOf(view.close).length <= MODAL_LIMITS.buttonText, 'close too long');
    check((view.private_metadata ?? '').length <= LIMITS.privateMetadata, 'private_metadata too long');
    check((view.callback_id ?? '').length <= 255, 'callback_id too long');
  }
  check(view.blocks.length <= maxBlocks, `${view.blocks.length} blocks > ${maxBlocks}`);
  const blockIds = new Set<string>();
  for (const raw of view.blocks) {
    const block = raw as unknown as Json;
    if (typeof block.block_id === 'string') {
      check(block.block_id.length <= LIMITS.blockId, `block_id ${block.block_id} too long`);
      check(!blockIds.has(block.block_id), `block_id ${block.block_id} repeated`);
      blockIds.add(block.block_id);
    }
    const elements: Json[] = [];
    switch (block.type) {
      case 'section':
        check(textOf(block.text).length <= LIMITS.sectionText, `section text ${textOf(block.text).length} > ${LIMITS.sectionText}`);
        if (Array.isArray(block.fields)) {
          check(block.fields.length <= LIMITS.sectionFields, 'too many fields');
          for (const f of block.fields) check(textOf(f).length <= LIMITS.fieldText, 'field too long');
        }
        if (isObject(block.accessory)) elements.push(block.accessory);
        break;
      case 'context':
        check(Array.isArray(block.elements) && block.elements.length <= LIMITS.contextElements, 'context too long');
        for (const e of block.elements as unknown[]) check(textOf(e).length <= LIMITS.sectionText, 'context text too long');
        break;
      case 'actions':
        check(Array.isArray(block.elements) && block.elements.length <= LIMITS.actionsElements, `actions block has ${(block.elements as unknown[]).length} elements`);
        elements.push(...(block.elements as Json[]));
        break;
      case 'input':
        check(textOf(block.label).length <= MODAL_LIMITS.label, 'label too long');
        check(textOf(block.hint).length <= MODAL_LIMITS.hint, 'hint too long');
        elements.push(block.element as Json);
        break;
      case 'header':
        check(textOf(block.text).length <= LIMITS.headerText, 'header too long');
        break;
      default:
        break;
    }
    for (const element of elements) {
      if (typeof element.action_id === 'string') check(element.action_id.length <= LIMITS.actionId, 'action_id too long');
      check(textOf(element.placeholder).length <= MODAL_LIMITS.placeholder, 'placeholder too long');
      if (element.type === 'button') {
        check(textOf(element.text).length <= LIMITS.buttonText, `button text "${textOf(element.text)}" too long`);
        check(typeof element.value !== 'string' || element.value.length <= LIMITS.buttonValue, 'button value too long');
      }
      if (element.type === 'static_select' || element.type === 'radio_buttons') {
        const options = optionsOf(element);
        const max = element.type === 'radio_buttons' ? MODAL_LIMITS.radioOptions : LIMITS.staticSelectOptions;
        check(options.length >= 1 && options.length <= max, `${String(element.action_id)} has ${options.length} options (max ${max})`);
        if (Array.isArray(element.option_groups)) {
          check(element.option_groups.length <= MODAL_LIMITS.optionGroups, 'too many option groups');
          for (const g of element.option_groups as Json[]) {
            check(textOf(g.label).length <= LIMITS.optionText, 'group label too long');
            check(Array.isArray(g.options) && g.options.length >= 1, 'empty option group');
          }
          check(!Array.isArray(element.options), 'both options and option_groups');
        }
        const values = new Set<string>();
        for (const o of options) {
          check(textOf(o.text).length <= LIMITS.optionText, `option text "${textOf(o.text)}" too long`);
          check(textOf(o.description).length <= LIMITS.optionText, 'option description too long');
          check((o.value ?? '').length <= MODAL_LIMITS.optionValue, `option value ${o.value} too long`);
          check(!values.has(o.value ?? ''), `option value ${o.value} repeated`);
          values.add(o.value ?? '');
        }
        if (element.initial_option !== undefined) {
          check(
            options.some((o) => JSON.stringify(o) === JSON.stringify(element.initial_option)),
            `${String(element.action_id)}: initial_option is not one of the options`,
          );
        }
      }
      if (element.type === 'plain_text_input') {
        const max = typeof element.max_length === 'number' ? element.max_length : MODAL_LIMITS.textInput;
        check(max <= MODAL_LIMITS.textInput, 'max_length > 3000');
        check(typeof element.initial_value !== 'string' || element.initial_value.length <= max, 'initial_value longer than max_length');
      }
    }
  }
  const focused = JSON.stringify(view.blocks).match(/"focus_on_load":true/g) ?? [];
  check(focused.length <= 1, 'more than one focus_on_load');
  return out;
}

/** The input block with this block_id, and its element. */
export function field(view: ModalView, blockId: string): Json {
  const block = view.blocks.find((b) => (b as unknown as Json).block_id === blockId) as unknown as Json | undefined;
  if (block === undefined) throw new Error(`no block ${blockId}`);
  return (block.element ?? (block.elements as Json[] | undefined)?.[0] ?? block) as Json;
}

export const hasBlock = (view: ModalView, blockId: string): boolean => view.blocks.some((b) => (b as unknown as Json).block_id === blockId);
