import type { ModalView, PlainTextOption } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { CallState } from '../../src/actions/callState.js';
import { CATALOGUE } from '../../src/actions/catalogue/index.js';
import { actionReply, type ActionReplyData } from '../../src/views/actionReply.js';
import { callCard } from '../../src/views/callCard.js';
import { MODAL_BLOCK_IDS } from '../../src/views/ids.js';
import { LIMITS } from '../../src/views/limits.js';
import {
  actionPickerModal,
  callModal,
  encodeModalMetadata,
  memberActionModal,
  MODAL_LIMITS,
  runModal,
  transferModal,
  type CallOnNode,
  type ModalContext,
} from '../../src/views/modals/index.js';
import { bigConfig, CHANNEL, field, optionsOf, OTHER_CHANNEL, uuid, violations } from './helpers.js';

// Slack's reference numbers, stated here too so a change to limits.ts can't loosen the tests.
describe('the limits are Slack’s', () => {
  it('matches the Block Kit reference', () => {
    expect(LIMITS).toMatchObject({
      messageBlocks: 50,
      modalBlocks: 100,
      sectionText: 3000,
      sectionFields: 10,
      fieldText: 2000,
      actionsElements: 25,
      buttonText: 75,
      buttonValue: 2000,
      staticSelectOptions: 100,
      optionText: 75,
      modalTitle: 24,
      privateMetadata: 3000,
      blockId: 255,
      actionId: 255,
    });
    expect(MODAL_LIMITS).toMatchObject({ buttonText: 24, optionValue: 75, radioOptions: 10, placeholder: 150, textInput: 3000 });
  });

  it('the oracle (the Slack stand-in) catches what Slack rejects', () => {
    const option = (t: string): PlainTextOption => ({ text: { type: 'plain_text', text: t }, value: t });
    const bad: ModalView = {
      type: 'modal',
      title: { type: 'plain_text', text: 'x'.repeat(25) },
      private_metadata: 'x'.repeat(3001),
      blocks: [
        {
          type: 'input',
          block_id: 'b'.repeat(256),
          label: { type: 'plain_text', text: 'l' },
          element: {
            type: 'static_select',
            action_id: 'a',
            options: Array.from({ length: 101 }, (_, i) => option(`o${i}`)),
            initial_option: option('elsewhere'),
          },
        },
        { type: 'actions', elements: Array.from({ length: 26 }, (_, i) => ({ type: 'button' as const, text: { type: 'plain_text' as const, text: 'y'.repeat(76) }, action_id: `b${i}` })) },
      ],
    };
    const found = violations(bad, 'modal').join('\n');
    for (const what of [
      'less than 25 characters [json-pointer:/view/title/text]',
      'less than 3001 characters [json-pointer:/view/private_metadata]',
      'less than 256 characters [json-pointer:/view/blocks/0/block_id]',
      'no more than 100 items [json-pointer:/view/blocks/0/element/options]',
      'match one of the options [json-pointer:/view/blocks/0/element/initial_option]',
      'no more than 25 items [json-pointer:/view/blocks/1/elements]',
      'less than 76 characters [json-pointer:/view/blocks/1/elements/0/text/text]',
    ]) {
      expect(found).toContain(what);
    }
  });
});

/** The channel's call (on its default PHLO and node) with 150 members: long SIP addresses among them. */
function bigCall(config: ReturnType<typeof bigConfig>): CallOnNode {
  const channel = config.channels[CHANNEL];
  const phlo = channel === undefined ? undefined : config.phlos[channel.phlo];
  const nodeId = channel?.node === undefined ? undefined : phlo?.nodes[channel.node];
  if (phlo === undefined || nodeId === undefined) throw new Error('the big configuration has no channel default');
  const members = Array.from({ length: 150 }, (_, i) => ({
    address: i % 3 === 0 ? `sip:${'m'.repeat(60 + (i % 120))}${i}@example.com` : `+1415555${String(i).padStart(4, '0')}`,
    role: i % 2 === 0 ? 'customer' : 'agent',
    held: i % 5 === 0,
  }));
  return { phloId: phlo.id, nodeId, members };
}

describe('modals with 150 PHLOs × 5 nodes and the longest aliases and names', () => {
  const config = bigConfig();
  const ctx: ModalContext = { channelId: CHANNEL, config, catalogue: CATALOGUE, userAddress: `sip:${'u'.repeat(150)}@example.com` };
  const views: [string, ModalView][] = [
    ['picker', actionPickerModal(ctx)],
    ['transfer', transferModal(ctx)],
    ['call', callModal(ctx)],
    ['member', memberActionModal(ctx, { action: 'hangup' })],
    ['run', runModal(ctx, { params: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`key${i}`, 'v'.repeat(100)])) })],
    ['transfer, PHLO by prefill', transferModal(ctx, { phlo: Object.keys(config.phlos)[149], node: Object.keys(Object.values(config.phlos)[149]?.nodes ?? {})[2] })],
    ['transfer, no PHLO chosen yet', transferModal({ ...ctx, channelId: OTHER_CHANNEL })],
    ['member, with 150 members on the call, some too long to be an option', memberActionModal({ ...ctx, call: bigCall(config) }, { action: 'hangup' })],
  ];

  it.each(views)('%s stays within every limit', (_name, view) => {
    expect(violations(view, 'modal')).toEqual([]);
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect((view.private_metadata ?? '').length).toBeLessThanOrEqual(3000);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });

  it('lists at most 100 PHLOs and 100 nodes, and says the rest are left out', () => {
    // Before a PHLO is chosen (a channel without defaults), the node select lists every PHLO's nodes.
    const view = transferModal({ ...ctx, channelId: OTHER_CHANNEL });
    const phlo = field(view, MODAL_BLOCK_IDS.phlo);
    const node = field(view, MODAL_BLOCK_IDS.node);
    expect(optionsOf(phlo)).toHaveLength(100);
    expect(optionsOf(node)).toHaveLength(100);
    for (const o of [...optionsOf(phlo), ...optionsOf(node)]) {
      expect(o.text.text.length).toBeLessThanOrEqual(75);
      expect((o.value ?? '').length).toBeLessThanOrEqual(75);
    }
    const hints = JSON.stringify(view.blocks);
    expect(hints).toContain('Showing 100 of 150 PHLOs');
    expect(hints).toContain('Showing 100 of 750 nodes');
  });

  it("keeps the channel's default preselected though it is past the 100th", () => {
    const view = transferModal(ctx);
    const phloId = uuid(141, 0);
    expect((field(view, MODAL_BLOCK_IDS.phlo).initial_option as PlainTextOption).value).toBe(phloId);
    expect((field(view, MODAL_BLOCK_IDS.node).initial_option as PlainTextOption).value).toBe(`${phloId}/${uuid(141, 1405)}`);
    // And its PHLO's other nodes come first among the nodes.
    const nodes = optionsOf(field(view, MODAL_BLOCK_IDS.node)).map((o) => o.value);
    for (let n = 0; n < 5; n++) expect(nodes).toContain(`${phloId}/${uuid(141, 1400 + n + 1)}`);
  });

  it('cuts "alias — name" to 75 characters with an ellipsis', () => {
    const text = optionsOf(field(transferModal(ctx), MODAL_BLOCK_IDS.phlo))[0]?.text.text ?? '';
    expect(text).toHaveLength(75);
    expect(text.endsWith('…')).toBe(true);
  });

  it('encodes metadata well within 3000 characters, and refuses a channel that is not an id', () => {
    expect(encodeModalMetadata({ channelId: CHANNEL, action: 'voicemail' }).length).toBeLessThan(100);
    expect(() => encodeModalMetadata({ channelId: '<!channel>' })).toThrow();
  });
});

// --- Thread messages: the call card and the action reply. ---

const PHLO_ID = uuid(1, 0);
const NODE_ID = uuid(1, 1);
const longSip = (i: number): string => `sip:${`member${i}-`.padEnd(180, 'x')}@phone.plivo.com`;

function fortyMembers(): CallState {
  const members: CallState['members'] = {};
  for (let i = 0; i < 40; i++) members[longSip(i)] = { role: i % 2 === 0 ? 'agent' : 'customer', held: i % 3 === 0 };
  return {
    members,
    transfer: { initiator: longSip(0), recipient: longSip(1), startedBy: 'U0123ALICE', at: 1_700_000_000_000 },
    lastAction: { userId: 'U0123ALICE', action: 'hold', member: longSip(3), outcome: 'ok', at: 1_700_000_000_000 },
  };
}

type Json = Record<string, unknown>;
const buttonsOf = (blocks: unknown[]): Json[] =>
  blocks.filter((b) => (b as Json).type === 'actions').flatMap((b) => (b as { elements: Json[] }).elements);

describe('callCard on a call with 2,000 members', () => {
  it('lists whole lines, as many as fit, then says how many more there are, and offers a full row of buttons', () => {
    const members: CallState['members'] = {};
    for (let i = 0; i < 2000; i++) members[`+1415${String(5_000_000 + i)}`] = { held: false };
    const card = callCard(CATALOGUE, { phloName: 'Support line', phloId: PHLO_ID, node: { alias: 'queue', id: NODE_ID }, state: { members } });
    expect(violations(card, 'message')).toEqual([]);
    const text = JSON.stringify(card.blocks);
    expect(text).toContain('+14155000000');
    const shown = (text.match(/\+1415\d{7}`: on the call/g) ?? []).length;
    expect(shown).toBeGreaterThan(10);
    expect(text).toContain(`…and ${2000 - shown} more`);
    expect(buttonsOf(card.blocks)).toHaveLength(25);
  });
});

describe('callCard with 40 members', () => {
  const card = callCard(CATALOGUE, { phloName: 'Support line', phloId: PHLO_ID, node: { alias: 'queue', id: NODE_ID }, state: fortyMembers() });

  it('stays within the message limits', () => {
    expect(violations(card, 'message')).toEqual([]);
    expect(card.blocks.length).toBeLessThanOrEqual(50);
    for (const block of card.blocks as unknown as Json[]) {
      if (block.type === 'section') expect(((block.text as Json).text as string).length).toBeLessThanOrEqual(3000);
      if (block.type === 'actions') expect((block.elements as unknown[]).length).toBeLessThanOrEqual(25);
    }
    const buttons = buttonsOf(card.blocks);
    expect(buttons.length).toBe(25);
    for (const b of buttons) {
      expect(((b.text as Json).text as string).length).toBeLessThanOrEqual(75);
      expect((b.value as string).length).toBeLessThanOrEqual(2000);
      expect((b.action_id as string).length).toBeLessThanOrEqual(255);
    }
    expect(new Set(buttons.map((b) => b.action_id)).size).toBe(buttons.length);
  });

  it('escapes user text for mrkdwn', () => {
    const escaped = callCard(CATALOGUE, { phloName: '<!channel> & co', phloId: PHLO_ID, node: { alias: 'queue', id: NODE_ID }, state: { members: {} } });
    const json = JSON.stringify(escaped);
    expect(json).toContain('&lt;!channel&gt; &amp; co');
    expect(json).not.toContain('<!channel>');
    expect(escaped.text).not.toContain('<!channel>');
  });
});

describe('actionReply with 40 follow-ups', () => {
  const data: ActionReplyData = {
    action: 'call',
    userId: 'U0123ALICE',
    member: longSip(0),
    input: { role: 'agent' },
    target: 'support · queue',
    outcome: 'ok',
    apiId: 'a'.repeat(36),
    latencyMs: 123.4,
    phloMessage: 'm'.repeat(5000),
    facts: Array.from({ length: 12 }, (_, i): [string, string] => [`fact ${i}`, 'f'.repeat(2500)]),
    followUps: Array.from({ length: 40 }, (_, i) => ({
      action: CATALOGUE.memberActions[i % CATALOGUE.memberActions.length]?.name ?? 'hold',
      phloId: PHLO_ID,
      nodeId: NODE_ID,
      member: longSip(i),
    })),
    // Both notes at once: the most a reply carries.
    notes: [{ kind: 'thread_unavailable' }, { kind: 'outcome_not_recorded', errorId: 'abcdef12' }],
  };

  it('stays within the message limits', () => {
    const reply = actionReply(CATALOGUE, data);
    expect(violations(reply, 'message')).toEqual([]);
    const buttons = buttonsOf(reply.blocks);
    expect(buttons.length).toBe(25);
    for (const b of buttons) {
      expect(((b.text as Json).text as string).length).toBeLessThanOrEqual(75);
      expect((b.value as string).length).toBeLessThanOrEqual(2000);
    }
    expect(reply.text.length).toBeLessThanOrEqual(40_000);
  });

  it('escapes user and PHLO text for mrkdwn', () => {
    const reply = actionReply(CATALOGUE, {
      ...data,
      target: '<!here> target',
      phloMessage: 'Hi <!channel> & <@U999|boss>',
      facts: [['<!everyone>', '<https://evil.example|click>']],
      followUps: [],
    });
    const json = JSON.stringify(reply.blocks);
    expect(json).toContain('Hi &lt;!channel&gt; &amp; &lt;@U999|boss&gt;');
    expect(json).toContain('&lt;!here&gt; target');
    expect(json).toContain('&lt;!everyone&gt;');
    expect(json).toContain('&lt;https://evil.example|click&gt;');
    for (const live of ['<!channel>', '<!here>', '<!everyone>', '<@U999', '<https://evil']) expect(json).not.toContain(live);
  });
});
