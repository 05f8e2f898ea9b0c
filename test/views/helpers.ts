/** Fixtures and a Block Kit limit checker for the view tests (not a test file itself). */
import type { ModalView, PlainTextOption } from '@slack/types';
import { validateBlocks, validateView } from '../../src/sandbox/slack/blockKit.js';
import { Config } from '../../src/config/file.js';

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

/** The options of a select, flattened across option groups. */
export function optionsOf(element: Json): PlainTextOption[] {
  if (Array.isArray(element.options)) return element.options as PlainTextOption[];
  if (Array.isArray(element.option_groups)) {
    return (element.option_groups as { options: PlainTextOption[] }[]).flatMap((g) => g.options);
  }
  return [];
}

/**
 * What Slack would refuse in a view or message, by the Slack stand-in's own Block Kit checks: the
 * same oracle the end-to-end tests and the sandbox answer with, written from Slack's limits, not
 * from the limits the code builds with.
 */
export function violations(view: { blocks: readonly unknown[] }, surface: 'message' | 'modal' | 'home'): string[] {
  if (surface === 'message') return validateBlocks(view.blocks, 'message', '/blocks');
  return validateView({ ...view, type: surface }, surface);
}

/** The input block with this block_id, and its element. */
export function field(view: ModalView, blockId: string): Json {
  const block = view.blocks.find((b) => (b as unknown as Json).block_id === blockId) as unknown as Json | undefined;
  if (block === undefined) throw new Error(`no block ${blockId}`);
  return (block.element ?? (block.elements as Json[] | undefined)?.[0] ?? block) as Json;
}

export const hasBlock = (view: ModalView, blockId: string): boolean => view.blocks.some((b) => (b as unknown as Json).block_id === blockId);
