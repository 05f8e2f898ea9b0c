/** The call's card as its readers see it: who is on the call, whom each button acts on, what waits for approval. */
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/actions/catalogue/index.js';
import type { Block } from '../../src/views/blocks.js';
import { callCard, CARD_PENDING_ROWS, type CallCardData } from '../../src/views/callCard.js';
import { BLOCK_IDS } from '../../src/views/ids.js';
import { IDS, violations } from './helpers.js';

const base: CallCardData = {
  phloName: 'Support line',
  phloId: IDS.support,
  node: { alias: 'queue', id: IDS.supportQueue },
  state: {
    members: {
      '+14155551234': { role: 'customer', held: true },
      'sip:bob@phone.plivo.com': { role: 'agent', held: false },
    },
  },
};

const textOf = (blocks: Block[], blockId: string): string => {
  const block = blocks.find((b) => b.block_id === blockId) as { text?: { text: string } } | undefined;
  return block?.text?.text ?? '';
};
const labels = (blocks: Block[]): string[] =>
  blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => ('text' in e ? e.text.text : '')) : []));

describe('the call card', () => {
  it('labels each button with the member’s role and a short form of the address', () => {
    const card = callCard(CATALOGUE, base);
    expect(labels(card.blocks)).toEqual(['Unhold customer …1234', 'Hang up customer …1234', 'Hold agent sip:bob', 'Hang up agent sip:bob']);
    expect(violations(card, 'message')).toEqual([]);
  });

  it('lists the member a warm transfer is made from, first, and Resume and Abort name them', () => {
    const card = callCard(CATALOGUE, {
      ...base,
      state: { ...base.state, transfer: { initiator: '+14155550100', recipient: 'sip:bob@phone.plivo.com', startedBy: 'U0ALICE', at: 0 } },
    });
    expect(textOf(card.blocks, BLOCK_IDS.cardMembers).split('\n')).toEqual([
      '*Members*',
      '• `+14155550100`: started a warm transfer · :arrows_counterclockwise: transferring the call to `sip:bob@phone.plivo.com`',
      '• `+14155551234` (customer): :double_vertical_bar: on hold',
      '• `sip:bob@phone.plivo.com` (agent): on the call',
    ]);
    expect(labels(card.blocks).slice(0, 2)).toEqual(['Resume …0100', 'Abort …0100']);
  });

  it('shows who asks for what while it waits for approval, at most a few, and counts the rest', () => {
    const expiresAt = new Date('2026-12-04T17:00:00Z');
    const one = callCard(CATALOGUE, { ...base, pending: [{ requesterId: 'U0ALICE', action: 'hangup', member: '+14155551234', input: {}, expiresAt }] });
    expect(textOf(one.blocks, BLOCK_IDS.cardPending)).toBe(
      ':hourglass_flowing_sand: *A request waits for approval* (Approve or Reject in the thread)\n' +
        '• <@U0ALICE> asks to hang up `+14155551234`; waits until <!date^1796403600^{date_short_pretty} {time_secs}|2026-12-04T17:00:00.000Z>',
    );
    const many = callCard(CATALOGUE, {
      ...base,
      pending: Array.from({ length: CARD_PENDING_ROWS + 2 }, (_, i) => ({ requesterId: `U0${i}`, action: 'hangup', member: '+14155551234', input: {}, expiresAt })),
    });
    const lines = textOf(many.blocks, BLOCK_IDS.cardPending).split('\n');
    expect(lines[0]).toContain('7 requests wait for approval');
    expect(lines.filter((l) => l.startsWith('• '))).toHaveLength(CARD_PENDING_ROWS);
    expect(lines.at(-1)).toBe('_…and 2 more_');
    expect(callCard(CATALOGUE, base).blocks.some((b) => b.block_id === BLOCK_IDS.cardPending)).toBe(false);
  });
});
