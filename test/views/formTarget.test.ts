/**
 * The node forms follow what is chosen: the PHLO select redraws the form with that PHLO's nodes,
 * and the member form offers the members on the call it is on, with a typed address still possible.
 */
import type { ModalView, PlainTextOption } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/actions/catalogue/index.js';
import { MODAL_ACTION_IDS, MODAL_BLOCK_IDS, MODAL_CALLBACK_IDS } from '../../src/views/ids.js';
import {
  encodeModalMetadata,
  memberActionModal,
  nodeFormOf,
  readSubmission,
  redrawnForm,
  transferModal,
  type ModalContext,
} from '../../src/views/modals/index.js';
import { ALICE_ADDRESS, CHANNEL, config, field, IDS, optionsOf, violations } from './helpers.js';

const ctx: ModalContext = { channelId: CHANNEL, config, catalogue: CATALOGUE, userAddress: ALICE_ADDRESS };
const initial = (view: ModalView, blockId: string): string | undefined => (field(view, blockId).initial_option as PlainTextOption | undefined)?.value;
const values = (view: ModalView, blockId: string): (string | undefined)[] => optionsOf(field(view, blockId)).map((o) => o.value);
const defined = <T>(value: T | undefined): T => {
  if (value === undefined) throw new Error('expected a form');
  return value;
};

/** The view's state as Slack sends it back: what the user typed and chose. */
type State = Record<string, Record<string, { type: string; value?: string; selected_option?: { value: string } }>>;

describe('choosing a PHLO in the transfer form', () => {
  const typed: State = {
    [MODAL_BLOCK_IDS.to]: { [MODAL_ACTION_IDS.to]: { type: 'plain_text_input', value: '+14155551234' } },
    [MODAL_BLOCK_IDS.mode]: { [MODAL_ACTION_IDS.mode]: { type: 'radio_buttons', selected_option: { value: 'cold' } } },
    [MODAL_BLOCK_IDS.role]: { [MODAL_ACTION_IDS.role]: { type: 'radio_buttons', selected_option: { value: 'customer' } } },
  };
  const redrawn = defined(redrawnForm(ctx, 'transfer', typed, { phloId: IDS.sales }));

  it("offers that PHLO's nodes only, starting on its default, in a select Slack starts afresh", () => {
    expect(initial(redrawn, MODAL_BLOCK_IDS.phlo)).toBe(IDS.sales);
    expect(values(redrawn, MODAL_BLOCK_IDS.node)).toEqual([`${IDS.sales}/${IDS.salesFloor}`]);
    expect(initial(redrawn, MODAL_BLOCK_IDS.node)).toBe(`${IDS.sales}/${IDS.salesFloor}`);
    // Another element than the support PHLO's node select, so Slack does not keep support's node chosen.
    expect(field(redrawn, MODAL_BLOCK_IDS.node).action_id).not.toBe(field(transferModal(ctx), MODAL_BLOCK_IDS.node).action_id);
    expect(violations(redrawn, 'modal')).toEqual([]);
  });

  it('keeps what was typed and chosen elsewhere', () => {
    expect(field(redrawn, MODAL_BLOCK_IDS.to).initial_value).toBe('+14155551234');
    expect(initial(redrawn, MODAL_BLOCK_IDS.mode)).toBe('cold');
    expect(initial(redrawn, MODAL_BLOCK_IDS.role)).toBe('customer');
    expect(field(redrawn, MODAL_BLOCK_IDS.from).initial_value).toBe(ALICE_ADDRESS);
    expect(redrawn.callback_id).toBe(MODAL_CALLBACK_IDS.transfer);
  });

  it('back on the channel’s PHLO, starts on the channel’s node', () => {
    const back = defined(redrawnForm(ctx, 'transfer', {}, { phloId: IDS.support }));
    expect(initial(back, MODAL_BLOCK_IDS.node)).toBe(`${IDS.support}/${IDS.supportVip}`);
  });

  it('refuses a PHLO or node the configuration does not name', () => {
    expect(redrawnForm(ctx, 'transfer', {}, { phloId: '00000000-0000-4000-8000-000000000000' })).toBeUndefined();
    expect(redrawnForm(ctx, 'member', {}, { nodeValue: `${IDS.sales}/${IDS.supportQueue}` })).toBeUndefined();
    expect(redrawnForm(ctx, 'member', {}, { nodeValue: 'not-a-node' })).toBeUndefined();
  });

  it('is offered by the node forms only', () => {
    expect(nodeFormOf(MODAL_CALLBACK_IDS.transfer)).toBe('transfer');
    expect(nodeFormOf(MODAL_CALLBACK_IDS.member)).toBe('member');
    expect(nodeFormOf(MODAL_CALLBACK_IDS.run)).toBeUndefined();
  });
});

describe('the member form on a call the card knows', () => {
  const call = {
    phloId: IDS.support,
    nodeId: IDS.supportVip,
    members: [
      { address: '+14155550100', held: false },
      { address: '+14155551234', role: 'customer', held: true },
      { address: 'sip:bob@phone.plivo.com', role: 'agent', held: false },
    ],
  };
  const view = memberActionModal({ ...ctx, call }, { action: 'unhold' });

  it('offers its members, with role and hold, and an address field for anyone else; both optional', () => {
    expect(optionsOf(field(view, MODAL_BLOCK_IDS.memberOnCall)).map((o) => [o.text.text, o.value])).toEqual([
      ['+14155550100', '+14155550100'],
      ['+14155551234 · customer · on hold', '+14155551234'],
      ['sip:bob@phone.plivo.com · agent', 'sip:bob@phone.plivo.com'],
    ]);
    const blocks = view.blocks.filter((b) => b.block_id === MODAL_BLOCK_IDS.memberOnCall || b.block_id === MODAL_BLOCK_IDS.member);
    expect(blocks.map((b) => [b.block_id, (b as { optional?: boolean }).optional])).toEqual([
      [MODAL_BLOCK_IDS.memberOnCall, true],
      [MODAL_BLOCK_IDS.member, true],
    ]);
    // Choosing another node redraws the form with that call's members.
    expect(view.blocks.find((b) => b.block_id === MODAL_BLOCK_IDS.node)).toMatchObject({ dispatch_action: true });
    expect(violations(view, 'modal')).toEqual([]);
  });

  it('preselects a member given as typed, in any spelling', () => {
    const given = memberActionModal({ ...ctx, call }, { member: '+1 415 555 1234' });
    expect(initial(given, MODAL_BLOCK_IDS.memberOnCall)).toBe('+14155551234');
    expect(field(given, MODAL_BLOCK_IDS.member).initial_value).toBeUndefined();
  });

  it("shows no members of another node's call", () => {
    const other = memberActionModal({ ...ctx, call }, { node: 'queue' });
    expect(other.blocks.some((b) => b.block_id === MODAL_BLOCK_IDS.memberOnCall)).toBe(false);
    expect(other.blocks.find((b) => b.block_id === MODAL_BLOCK_IDS.member)).not.toHaveProperty('optional');
  });

  const submitted = (member: State) =>
    readSubmission(
      CATALOGUE,
      MODAL_CALLBACK_IDS.member,
      {
        [MODAL_BLOCK_IDS.phlo]: { [MODAL_ACTION_IDS.phlo]: { type: 'static_select', selected_option: { value: IDS.support } } },
        [MODAL_BLOCK_IDS.node]: {
          [String(field(view, MODAL_BLOCK_IDS.node).action_id)]: { type: 'static_select', selected_option: { value: `${IDS.support}/${IDS.supportVip}` } },
        },
        [MODAL_BLOCK_IDS.memberAction]: { [MODAL_ACTION_IDS.memberAction]: { type: 'radio_buttons', selected_option: { value: 'unhold' } } },
        ...member,
      },
      encodeModalMetadata({ channelId: CHANNEL }),
    );
  const chosen = (address: string): State => ({
    [MODAL_BLOCK_IDS.memberOnCall]: { [String(field(view, MODAL_BLOCK_IDS.memberOnCall).action_id)]: { type: 'static_select', selected_option: { value: address } } },
  });
  const typedIn = (address: string): State => ({ [MODAL_BLOCK_IDS.member]: { [MODAL_ACTION_IDS.member]: { type: 'plain_text_input', value: address } } });

  it('submits the member chosen, or the address typed', () => {
    expect(submitted(chosen('+14155551234'))).toMatchObject({ ok: true, draft: { action: 'unhold', node: IDS.supportVip, input: { member: '+14155551234' } } });
    expect(submitted(typedIn('+14155559999'))).toMatchObject({ ok: true, draft: { input: { member: '+14155559999' } } });
    expect(submitted({ ...chosen('+14155551234'), ...typedIn('+1 (415) 555-1234') })).toMatchObject({ ok: true });
  });

  it('refuses two different members at once, on the address field', () => {
    expect(submitted({ ...chosen('+14155551234'), ...typedIn('+14155559999') })).toMatchObject({
      ok: false,
      errors: { [MODAL_BLOCK_IDS.member]: 'Choose a member on the call or type an address, not both.' },
    });
  });
});
