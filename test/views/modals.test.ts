import type { ModalView, PlainTextOption } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/actions/catalogue/index.js';
import { Config } from '../../src/config/file.js';
import { parseCommand, type Incomplete } from '../../src/language/parse.js';
import { ACTION_LABELS } from '../../src/text/index.js';
import { MODAL_ACTION_IDS, MODAL_BLOCK_IDS, MODAL_CALLBACK_IDS } from '../../src/views/ids.js';
import {
  actionPickerModal,
  callModal,
  decodeModalMetadata,
  incompleteToModal,
  memberActionModal,
  modalForPickedAction,
  pickerChoices,
  pickerChoice,
  runModal,
  transferModal,
  type ModalContext,
} from '../../src/views/modals/index.js';
import { ALICE_ADDRESS, CHANNEL, config, field, hasBlock, IDS, optionsOf, OTHER_CHANNEL, violations } from './helpers.js';

const ctx: ModalContext = { channelId: CHANNEL, config, catalogue: CATALOGUE, userAddress: ALICE_ADDRESS };
const MEMBER_ACTIONS = CATALOGUE.memberActions.map((spec) => spec.name);
const elsewhere: ModalContext = { channelId: OTHER_CHANNEL, config, catalogue: CATALOGUE, userAddress: ALICE_ADDRESS };

const initial = (view: ModalView, blockId: string): string | undefined =>
  (field(view, blockId).initial_option as PlainTextOption | undefined)?.value;
const initialValue = (view: ModalView, blockId: string): unknown => field(view, blockId).initial_value;
const values = (view: ModalView, blockId: string): (string | undefined)[] => optionsOf(field(view, blockId)).map((o) => o.value);
const incomplete = (text: string): Incomplete => {
  const parsed = parseCommand(text);
  if (parsed.kind !== 'incomplete') throw new Error(`${text} parsed complete`);
  return parsed;
};

describe('transferModal', () => {
  const view = transferModal(ctx);

  it('is the transfer modal, remembering the channel, within Slack limits', () => {
    expect(view.type).toBe('modal');
    expect(view.callback_id).toBe(MODAL_CALLBACK_IDS.transfer);
    expect(view.submit?.text).toBeTruthy();
    expect(decodeModalMetadata(view.private_metadata)).toEqual({ channelId: CHANNEL, action: 'transfer' });
    expect(violations(view, 'modal')).toEqual([]);
  });

  it('offers the PHLOs with nodes as "alias — name", valued by id', () => {
    const phlos = optionsOf(field(view, MODAL_BLOCK_IDS.phlo));
    expect(phlos.map((o) => [o.text.text, o.value])).toEqual([
      ['support — Support line', IDS.support],
      ['sales', IDS.sales],
    ]);
  });

  it("offers the chosen PHLO's nodes only, each valued phloId/nodeId; choosing a PHLO is sent at once", () => {
    expect(values(view, MODAL_BLOCK_IDS.node)).toEqual([`${IDS.support}/${IDS.supportQueue}`, `${IDS.support}/${IDS.supportVip}`]);
    expect(optionsOf(field(view, MODAL_BLOCK_IDS.node)).map((o) => o.text.text)).toEqual(['queue', 'vip']);
    const phloBlock = view.blocks.find((b) => b.block_id === MODAL_BLOCK_IDS.phlo);
    expect(phloBlock).toMatchObject({ type: 'input', dispatch_action: true });
  });

  it('before a PHLO is chosen, groups every PHLO’s nodes under it', () => {
    const unchosen = transferModal(elsewhere);
    const node = field(unchosen, MODAL_BLOCK_IDS.node);
    const groups = node.option_groups as { label: { text: string }; options: PlainTextOption[] }[];
    expect(groups.map((g) => [g.label.text, g.options.map((o) => o.text.text)])).toEqual([
      ['support — Support line', ['queue', 'vip']],
      ['sales', ['floor']],
    ]);
    expect(values(unchosen, MODAL_BLOCK_IDS.node)).toContain(`${IDS.sales}/${IDS.salesFloor}`);
  });

  it("preselects the channel's PHLO and node, as options that are in the lists", () => {
    expect(initial(view, MODAL_BLOCK_IDS.phlo)).toBe(IDS.support);
    expect(initial(view, MODAL_BLOCK_IDS.node)).toBe(`${IDS.support}/${IDS.supportVip}`);
    // violations() checks initial_option deep-equals one of the options.
  });

  it('starts on warm and agent, with from prefilled with the user\'s address', () => {
    expect(initial(view, MODAL_BLOCK_IDS.mode)).toBe('warm');
    expect(values(view, MODAL_BLOCK_IDS.mode)).toEqual(['warm', 'cold']);
    expect(initial(view, MODAL_BLOCK_IDS.role)).toBe('agent');
    expect(initialValue(view, MODAL_BLOCK_IDS.from)).toBe(ALICE_ADDRESS);
    expect(initialValue(view, MODAL_BLOCK_IDS.to)).toBeUndefined();
    expect(field(view, MODAL_BLOCK_IDS.to).action_id).toBe(MODAL_ACTION_IDS.to);
  });

  it('applies a prefill', () => {
    const filled = transferModal(ctx, { mode: 'cold', to: '+14155551234', role: 'customer', from: 'sip:bob@phone.plivo.com', phlo: 'sales' });
    expect(initial(filled, MODAL_BLOCK_IDS.mode)).toBe('cold');
    expect(initialValue(filled, MODAL_BLOCK_IDS.to)).toBe('+14155551234');
    expect(initial(filled, MODAL_BLOCK_IDS.role)).toBe('customer');
    expect(initialValue(filled, MODAL_BLOCK_IDS.from)).toBe('sip:bob@phone.plivo.com');
    expect(initial(filled, MODAL_BLOCK_IDS.phlo)).toBe(IDS.sales);
    // Not the channel's node (it belongs to support): sales' only node.
    expect(initial(filled, MODAL_BLOCK_IDS.node)).toBe(`${IDS.sales}/${IDS.salesFloor}`);
    expect(violations(filled, 'modal')).toEqual([]);
  });

  it('takes a PHLO or node by id, and a node of the default PHLO', () => {
    expect(initial(transferModal(ctx, { phlo: IDS.sales.toUpperCase() }), MODAL_BLOCK_IDS.phlo)).toBe(IDS.sales);
    expect(initial(transferModal(ctx, { node: 'queue' }), MODAL_BLOCK_IDS.node)).toBe(`${IDS.support}/${IDS.supportQueue}`);
    expect(initial(transferModal(ctx, { node: IDS.supportQueue }), MODAL_BLOCK_IDS.node)).toBe(`${IDS.support}/${IDS.supportQueue}`);
  });

  it('preselects nothing for a PHLO or node the configuration lacks, and says so', () => {
    const unknown = transferModal(ctx, { phlo: 'nope' });
    expect(initial(unknown, MODAL_BLOCK_IDS.phlo)).toBeUndefined();
    expect(initial(unknown, MODAL_BLOCK_IDS.node)).toBeUndefined();
    expect(JSON.stringify(unknown.blocks)).toContain('\\"nope\\" is not a PHLO');
    const badNode = transferModal(ctx, { node: 'nope' });
    expect(initial(badNode, MODAL_BLOCK_IDS.phlo)).toBe(IDS.support);
    expect(initial(badNode, MODAL_BLOCK_IDS.node)).toBeUndefined();
    for (const alias of ['constructor', 'toString', '__proto__']) {
      expect(initial(transferModal(ctx, { phlo: alias }), MODAL_BLOCK_IDS.phlo)).toBeUndefined();
      expect(initial(transferModal(ctx, { node: alias }), MODAL_BLOCK_IDS.node)).toBeUndefined();
    }
  });

  it('preselects nothing in a channel without defaults, and leaves from empty for a user without an address', () => {
    const view2 = transferModal({ channelId: OTHER_CHANNEL, config, catalogue: CATALOGUE });
    expect(initial(view2, MODAL_BLOCK_IDS.phlo)).toBeUndefined();
    expect(initial(view2, MODAL_BLOCK_IDS.node)).toBeUndefined();
    expect(initialValue(view2, MODAL_BLOCK_IDS.from)).toBeUndefined();
    expect(violations(view2, 'modal')).toEqual([]);
  });

  it("uses the PHLO's default node when the channel names none", () => {
    const cfg = Config.parse({ ...config, channels: { [CHANNEL]: { phlo: 'support' } } });
    expect(initial(transferModal({ ...ctx, config: cfg }), MODAL_BLOCK_IDS.node)).toBe(`${IDS.support}/${IDS.supportQueue}`);
  });

  it('says there is nothing to act on when no PHLO has a node, with no submit button', () => {
    const cfg = Config.parse({ phlos: { batch: { id: IDS.batch } }, roles: { agent: ['*'] } });
    const empty = transferModal({ ...ctx, config: cfg });
    expect(empty.callback_id).toBe(MODAL_CALLBACK_IDS.transfer);
    expect(empty.submit).toBeUndefined();
    expect(hasBlock(empty, MODAL_BLOCK_IDS.notice)).toBe(true);
    expect(empty.blocks.some((b) => b.type === 'input')).toBe(false);
    expect(violations(empty, 'modal')).toEqual([]);
  });
});

describe('callModal', () => {
  it('is the transfer modal without warm or cold', () => {
    const view = callModal(ctx, { to: '+14155551234' });
    expect(view.callback_id).toBe(MODAL_CALLBACK_IDS.call);
    expect(hasBlock(view, MODAL_BLOCK_IDS.mode)).toBe(false);
    expect(initialValue(view, MODAL_BLOCK_IDS.to)).toBe('+14155551234');
    expect(initialValue(view, MODAL_BLOCK_IDS.from)).toBe(ALICE_ADDRESS);
    expect(initial(view, MODAL_BLOCK_IDS.phlo)).toBe(IDS.support);
    expect(initial(view, MODAL_BLOCK_IDS.role)).toBe('agent');
    expect(violations(view, 'modal')).toEqual([]);
  });
});

describe('memberActionModal', () => {
  it('offers the six member actions, hang up and voicemail drop included, none preselected', () => {
    const view = memberActionModal(ctx);
    expect(view.callback_id).toBe(MODAL_CALLBACK_IDS.member);
    const options = optionsOf(field(view, MODAL_BLOCK_IDS.memberAction));
    expect(options.map((o) => o.value)).toEqual([...MEMBER_ACTIONS]);
    expect(options.map((o) => o.text.text)).toContain(ACTION_LABELS.hangup);
    expect(options.map((o) => o.text.text)).toContain(ACTION_LABELS.voicemail);
    expect(initial(view, MODAL_BLOCK_IDS.memberAction)).toBeUndefined();
    expect(initial(view, MODAL_BLOCK_IDS.phlo)).toBe(IDS.support);
    expect(initial(view, MODAL_BLOCK_IDS.node)).toBe(`${IDS.support}/${IDS.supportVip}`);
    expect(violations(view, 'modal')).toEqual([]);
  });

  it('applies a prefill', () => {
    const view = memberActionModal(elsewhere, { action: 'voicemail', member: 'sip:bob@phone.plivo.com', phlo: 'support', node: 'queue' });
    expect(initial(view, MODAL_BLOCK_IDS.memberAction)).toBe('voicemail');
    expect(initialValue(view, MODAL_BLOCK_IDS.member)).toBe('sip:bob@phone.plivo.com');
    expect(initial(view, MODAL_BLOCK_IDS.node)).toBe(`${IDS.support}/${IDS.supportQueue}`);
    expect(decodeModalMetadata(view.private_metadata)).toEqual({ channelId: OTHER_CHANNEL, action: 'voicemail' });
    expect(violations(view, 'modal')).toEqual([]);
  });
});

describe('runModal', () => {
  it("offers every PHLO, the channel's preselected, and key=value lines", () => {
    const view = runModal(ctx, { params: { note: 'two words', ticket: '42' } });
    expect(view.callback_id).toBe(MODAL_CALLBACK_IDS.run);
    expect(values(view, MODAL_BLOCK_IDS.phlo)).toEqual([IDS.support, IDS.sales, IDS.batch]);
    expect(initial(view, MODAL_BLOCK_IDS.phlo)).toBe(IDS.support);
    expect(hasBlock(view, MODAL_BLOCK_IDS.node)).toBe(false);
    const params = field(view, MODAL_BLOCK_IDS.params);
    expect(params.multiline).toBe(true);
    expect(params.initial_value).toBe('note=two words\nticket=42');
    expect(violations(view, 'modal')).toEqual([]);
  });

  it('prefills a PHLO by alias, and keeps whole lines within the input limit', () => {
    const params = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`k${i}`, 'v'.repeat(1000)]));
    const view = runModal(ctx, { phlo: 'batch', params });
    expect(initial(view, MODAL_BLOCK_IDS.phlo)).toBe(IDS.batch);
    const text = field(view, MODAL_BLOCK_IDS.params).initial_value as string;
    expect(text.split('\n')).toHaveLength(2);
    expect(JSON.stringify(view.blocks)).toContain('3 parameters did not fit');
    expect(violations(view, 'modal')).toEqual([]);
  });
});

describe('actionPickerModal', () => {
  const view = actionPickerModal(ctx);

  it('lists call, transfer, the member actions and run in a select that dispatches on choice', () => {
    expect(view.callback_id).toBe(MODAL_CALLBACK_IDS.picker);
    expect(view.submit).toBeUndefined();
    const block = view.blocks.find((b) => b.block_id === MODAL_BLOCK_IDS.picker);
    expect(block?.type).toBe('actions');
    const select = field(view, MODAL_BLOCK_IDS.picker);
    expect(select.action_id).toBe(MODAL_ACTION_IDS.picker);
    expect(optionsOf(select).map((o) => o.text.text)).toEqual([
      'Call',
      'Transfer',
      'Hold',
      'Unhold',
      'Hang up',
      'Resume',
      'Abort',
      'Voicemail drop',
      'Run',
    ]);
    expect(decodeModalMetadata(view.private_metadata)).toEqual({ channelId: CHANNEL });
    expect(violations(view, 'modal')).toEqual([]);
  });

  it('maps each choice to its modal', () => {
    expect(modalForPickedAction('call', ctx).callback_id).toBe(MODAL_CALLBACK_IDS.call);
    expect(modalForPickedAction('transfer', ctx).callback_id).toBe(MODAL_CALLBACK_IDS.transfer);
    expect(modalForPickedAction('run', ctx).callback_id).toBe(MODAL_CALLBACK_IDS.run);
    const hangup = modalForPickedAction('hangup', ctx);
    expect(hangup.callback_id).toBe(MODAL_CALLBACK_IDS.member);
    expect(initial(hangup, MODAL_BLOCK_IDS.memberAction)).toBe('hangup');
    for (const { value: action } of pickerChoices(CATALOGUE)) expect(violations(modalForPickedAction(action, ctx), 'modal')).toEqual([]);
  });

  it('reads a choice from an untrusted value', () => {
    for (const o of optionsOf(field(view, MODAL_BLOCK_IDS.picker))) expect(pickerChoice(CATALOGUE, o.value)).toBe(o.value);
    expect(pickerChoice(CATALOGUE, 'phlo_status')).toBeUndefined();
    expect(pickerChoice(CATALOGUE, 'warm_transfer')).toBeUndefined();
    expect(pickerChoice(CATALOGUE, undefined)).toBeUndefined();
    expect(pickerChoice(CATALOGUE, { value: 'call' })).toBeUndefined();
  });
});

describe('incompleteToModal', () => {
  it('transfer warm → the transfer modal on warm', () => {
    const view = incompleteToModal(incomplete('transfer warm --role customer'), ctx);
    expect(view.callback_id).toBe(MODAL_CALLBACK_IDS.transfer);
    expect(initial(view, MODAL_BLOCK_IDS.mode)).toBe('warm');
    expect(initial(view, MODAL_BLOCK_IDS.role)).toBe('customer');
  });

  it('transfer cold with flags, and a transfer with a number but no mode', () => {
    const cold = incompleteToModal(incomplete('transfer cold --phlo sales --from sip:me@example.com'), ctx);
    expect(initial(cold, MODAL_BLOCK_IDS.mode)).toBe('cold');
    expect(initial(cold, MODAL_BLOCK_IDS.phlo)).toBe(IDS.sales);
    expect(initialValue(cold, MODAL_BLOCK_IDS.from)).toBe('sip:me@example.com');
    const noMode = incompleteToModal(incomplete('transfer +1 415 555 1234'), ctx);
    expect(initialValue(noMode, MODAL_BLOCK_IDS.to)).toBe('+14155551234');
    expect(initial(noMode, MODAL_BLOCK_IDS.mode)).toBe('warm');
  });

  it('hold --node vip → the member modal on Hold with node vip', () => {
    const view = incompleteToModal(incomplete('hold --node queue'), ctx);
    expect(view.callback_id).toBe(MODAL_CALLBACK_IDS.member);
    expect(initial(view, MODAL_BLOCK_IDS.memberAction)).toBe('hold');
    expect(initial(view, MODAL_BLOCK_IDS.node)).toBe(`${IDS.support}/${IDS.supportQueue}`);
  });

  it('every member verb opens the member modal on that action', () => {
    for (const verb of MEMBER_ACTIONS) {
      expect(initial(incompleteToModal(incomplete(verb), ctx), MODAL_BLOCK_IDS.memberAction)).toBe(verb);
    }
  });

  it('call and run', () => {
    const call = incompleteToModal(incomplete('call --role customer'), ctx);
    expect(call.callback_id).toBe(MODAL_CALLBACK_IDS.call);
    expect(initial(call, MODAL_BLOCK_IDS.role)).toBe('customer');
    const run = incompleteToModal(incomplete('run'), ctx);
    expect(run.callback_id).toBe(MODAL_CALLBACK_IDS.run);
    const runWithParams = incompleteToModal(incomplete('run note="two words"'), ctx);
    expect(field(runWithParams, MODAL_BLOCK_IDS.params).initial_value).toBe('note=two words');
  });
});
