import type { InputBlock, ModalView, PlainTextOption } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { anyOf, stringContaining } from '../support/matchers.js';
import { MODAL_ACTION_IDS, MODAL_BLOCK_IDS, MODAL_CALLBACK_IDS } from '../../src/views/ids.js';
import { CATALOGUE } from '../../src/actions/catalogue/index.js';
import { checkDraft } from '../../src/actions/validate.js';
import {
  callModal,
  decodeModalMetadata,
  encodeModalMetadata,
  memberActionModal,
  parseParamLines,
  problemBlocks,
  readSubmission as readShape,
  runModal,
  transferModal,
  type ModalContext,
  type SubmissionResult,
} from '../../src/views/modals/index.js';
import { ALICE_ADDRESS, CHANNEL, config, IDS } from './helpers.js';

const ctx: ModalContext = { channelId: CHANNEL, config, catalogue: CATALOGUE, userAddress: ALICE_ADDRESS };

/**
 * A submission as the app reads it: the form gives it its shape, then the pipeline's check (the
 * action's schema, the configuration) puts its problems on the fields. The user here has no
 * configured address, so an empty `from` is a problem.
 */
function readSubmission(callbackId: string, stateValues: unknown, metadata: unknown): SubmissionResult {
  const read = readShape(CATALOGUE, callbackId, stateValues, metadata);
  if (read.draft === undefined) return read;
  const { channelId, ...draft } = read.draft;
  const slack = { teamId: 'T0TEAM', channelId, userId: 'U0NOBODY', source: 'modal' as const };
  const checked = checkDraft(config, CATALOGUE.spec(draft.action), { ...draft, slack }, { userId: 'U0NOBODY', permissions: [] });
  if (!read.ok) return { ok: false, errors: { ...(checked.ok ? {} : problemBlocks(checked.problems)), ...read.errors } };
  // What the pipeline goes on with: the input as its schema read it (canonical addresses, defaults).
  return checked.ok ? { ok: true, draft: { ...read.draft, input: checked.request.input } } : { ok: false, errors: problemBlocks(checked.problems) };
}
const META = encodeModalMetadata({ channelId: CHANNEL, action: 'transfer' });

type Field = keyof typeof MODAL_ACTION_IDS;
const selected = (value: string) => ({ type: 'static_select', selected_option: { text: { type: 'plain_text', text: value }, value } });
const radio = (value: string) => ({ type: 'radio_buttons', selected_option: { text: { type: 'plain_text', text: value }, value } });
const text = (value: string | null) => ({ type: 'plain_text_input', value });

/** `view.state.values` as Slack sends it: block_id → action_id → element state. */
function state(fields: Partial<Record<Field, object>>): Record<string, Record<string, object>> {
  const out: Record<string, Record<string, object>> = {};
  for (const [name, value] of Object.entries(fields) as [Field, object][]) out[MODAL_BLOCK_IDS[name]] = { [MODAL_ACTION_IDS[name]]: value };
  return out;
}

const transferState = (overrides: Partial<Record<Field, object>> = {}) =>
  state({
    phlo: selected(IDS.support),
    node: selected(`${IDS.support}/${IDS.supportQueue}`),
    mode: radio('warm'),
    to: text('+1 (415) 555-1234'),
    role: radio('agent'),
    from: text(ALICE_ADDRESS),
    ...overrides,
  });

/** The state a view submits untouched: each element's initial option or value. */
function submittedAsShown(view: ModalView): Record<string, Record<string, object>> {
  const out: Record<string, Record<string, object>> = {};
  for (const block of view.blocks) {
    if (block.type !== 'input' || block.block_id === undefined) continue;
    const e = (block as InputBlock).element as { type: string; action_id: string; initial_option?: PlainTextOption; initial_value?: string };
    out[block.block_id] = {
      [e.action_id]: e.type === 'plain_text_input' ? { type: e.type, value: e.initial_value ?? null } : { type: e.type, selected_option: e.initial_option ?? null },
    };
  }
  return out;
}

describe('readSubmission: transfer and call', () => {
  it('turns a valid transfer into a draft of ids, addresses canonical', () => {
    expect(readSubmission(MODAL_CALLBACK_IDS.transfer, transferState(), META)).toEqual({
      ok: true,
      draft: {
        action: 'warm_transfer',
        phlo: IDS.support,
        node: IDS.supportQueue,
        input: { to: '+14155551234', role: 'agent', from: ALICE_ADDRESS },
        channelId: CHANNEL,
      },
    });
  });

  it('reads cold, customer and a SIP from', () => {
    const result = readSubmission(
      MODAL_CALLBACK_IDS.transfer,
      transferState({ mode: radio('cold'), role: radio('customer'), from: text('SIP:bob@phone.plivo.com') }),
      META,
    );
    expect(result).toMatchObject({ ok: true, draft: { action: 'cold_transfer', input: { role: 'customer', from: 'sip:bob@phone.plivo.com' } } });
  });

  it('puts an invalid "to" on the to block, saying why', () => {
    const result = readSubmission(MODAL_CALLBACK_IDS.transfer, transferState({ to: text('12345') }), META);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual([MODAL_BLOCK_IDS.to]);
    expect(result.errors[MODAL_BLOCK_IDS.to]).toBe('A phone number has 8 to 15 digits; this has 5.');
  });

  it('reports every bad field at once, each on its own block', () => {
    const result = readSubmission(
      MODAL_CALLBACK_IDS.transfer,
      transferState({ to: text('call me'), from: text(null), mode: radio('lukewarm'), node: selected(`${IDS.sales}/${IDS.salesFloor}`) }),
      META,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(
      [MODAL_BLOCK_IDS.to, MODAL_BLOCK_IDS.from, MODAL_BLOCK_IDS.mode, MODAL_BLOCK_IDS.node].sort(),
    );
    expect(result.errors[MODAL_BLOCK_IDS.node]).toContain('another PHLO');
    expect(result.errors[MODAL_BLOCK_IDS.from]).toBe('Enter a phone number or a SIP address.');
    expect(result.errors[MODAL_BLOCK_IDS.to]).toContain('Not a phone number');
  });

  it('refuses values that are not options it offered', () => {
    const result = readSubmission(
      MODAL_CALLBACK_IDS.transfer,
      transferState({ phlo: selected('../../etc'), node: selected('no-separator'), role: radio('admin') }),
      META,
    );
    expect(result).toMatchObject({ ok: false, errors: { [MODAL_BLOCK_IDS.phlo]: anyOf(String), [MODAL_BLOCK_IDS.node]: anyOf(String), [MODAL_BLOCK_IDS.role]: anyOf(String) } });
  });

  it('refuses an address longer than a button can carry', () => {
    const result = readSubmission(MODAL_CALLBACK_IDS.transfer, transferState({ to: text(`sip:${'a'.repeat(250)}@example.com`) }), META);
    expect(result).toMatchObject({ ok: false, errors: { [MODAL_BLOCK_IDS.to]: stringContaining('200 characters at most') } });
  });

  it('reads a call, role agent when none is chosen', () => {
    // The state without the mode block.
    const { [MODAL_BLOCK_IDS.mode]: _mode, ...values } = transferState({ role: { type: 'radio_buttons', selected_option: null } });
    expect(readSubmission(MODAL_CALLBACK_IDS.call, values, META)).toMatchObject({
      ok: true,
      draft: { action: 'call', input: { to: '+14155551234', role: 'agent', from: ALICE_ADDRESS } },
    });
  });

  it('submitting the modals as shown acts on the channel’s defaults', () => {
    const view = transferModal(ctx, { to: '+14155551234' });
    expect(readSubmission(view.callback_id ?? '', submittedAsShown(view), view.private_metadata)).toEqual({
      ok: true,
      draft: {
        action: 'warm_transfer',
        phlo: IDS.support,
        node: IDS.supportVip,
        input: { to: '+14155551234', role: 'agent', from: ALICE_ADDRESS },
        channelId: CHANNEL,
      },
    });
    const call = callModal(ctx);
    expect(readSubmission(call.callback_id ?? '', submittedAsShown(call), call.private_metadata)).toEqual({
      ok: false,
      errors: { [MODAL_BLOCK_IDS.to]: 'Enter a phone number or a SIP address.' },
    });
  });
});

describe('readSubmission: member actions', () => {
  it('reads the action and member', () => {
    const values = state({
      phlo: selected(IDS.support),
      node: selected(`${IDS.support}/${IDS.supportVip}`),
      member: text('sip:bob@phone.plivo.com'),
      memberAction: radio('hangup'),
    });
    expect(readSubmission(MODAL_CALLBACK_IDS.member, values, META)).toEqual({
      ok: true,
      draft: { action: 'hangup', phlo: IDS.support, node: IDS.supportVip, input: { member: 'sip:bob@phone.plivo.com' }, channelId: CHANNEL },
    });
  });

  it('refuses an action that is not a member action, and a missing member', () => {
    const values = state({ phlo: selected(IDS.support), node: selected(`${IDS.support}/${IDS.supportVip}`), member: text(''), memberAction: radio('run') });
    const result = readSubmission(MODAL_CALLBACK_IDS.member, values, META);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual([MODAL_BLOCK_IDS.member, MODAL_BLOCK_IDS.memberAction].sort());
  });

  it('round-trips a prefilled modal', () => {
    const view = memberActionModal(ctx, { action: 'hold', member: '+14155551234' });
    expect(readSubmission(view.callback_id ?? '', submittedAsShown(view), view.private_metadata)).toMatchObject({
      ok: true,
      draft: { action: 'hold', node: IDS.supportVip, input: { member: '+14155551234' } },
    });
  });
});

describe('readSubmission: run', () => {
  const run = (lines: string | null) => readSubmission(MODAL_CALLBACK_IDS.run, state({ phlo: selected(IDS.batch), params: text(lines) }), META);

  it('reads key=value lines', () => {
    expect(run('note = "two words"\n\n  ticket=42\r\n__proto__=x\nurl=https://a.example/?q=1')).toEqual({
      ok: true,
      draft: {
        action: 'run',
        phlo: IDS.batch,
        input: { params: Object.fromEntries([['note', 'two words'], ['ticket', '42'], ['__proto__', 'x'], ['url', 'https://a.example/?q=1']]) },
        channelId: CHANNEL,
      },
    });
    const ok = run('__proto__=x');
    expect(ok.ok && Object.hasOwn(ok.draft.input.params as object, '__proto__')).toBe(true);
  });

  it('reads no parameters as {}', () => {
    expect(run(null)).toMatchObject({ ok: true, draft: { input: { params: {} } } });
    expect(run('  \n ')).toMatchObject({ ok: true, draft: { input: { params: {} } } });
  });

  it('puts a bad line on the params block, naming the line', () => {
    expect(run('a=1\njust words')).toEqual({ ok: false, errors: { [MODAL_BLOCK_IDS.params]: 'Line 2 is not key=value.' } });
    expect(run('=1')).toEqual({ ok: false, errors: { [MODAL_BLOCK_IDS.params]: 'Line 1 has no key before the =.' } });
    expect(run('1abc=1')).toMatchObject({ ok: false, errors: { [MODAL_BLOCK_IDS.params]: stringContaining('"1abc" is not a valid parameter name') } });
    expect(run('a=1\na=2')).toEqual({ ok: false, errors: { [MODAL_BLOCK_IDS.params]: 'Line 2: parameter "a" is given twice.' } });
    expect(run(`a=${'v'.repeat(2001)}`)).toMatchObject({ ok: false, errors: { [MODAL_BLOCK_IDS.params]: stringContaining('at most 2000') } });
    expect(run(`${'k'.repeat(101)}=1`)).toMatchObject({ ok: false, errors: { [MODAL_BLOCK_IDS.params]: stringContaining('at most 100') } });
    const many = Array.from({ length: 101 }, (_, i) => `k${i}=v`).join('\n');
    expect(run(many)).toEqual({ ok: false, errors: { [MODAL_BLOCK_IDS.params]: 'at most 100 parameters (101 given)' } });
    expect(run(Array.from({ length: 100 }, (_, i) => `k${i}=v`).join('\n')).ok).toBe(true);
  });

  it('uses the command’s key rule (the run schema’s), after the lines are read as key=value', () => {
    for (const key of ['a', '_x', 'A.b-c_9', '9a', '.a']) expect(parseParamLines(`${key}=1`).ok).toBe(true);
    for (const key of ['a', '_x', 'A.b-c_9']) expect(run(`${key}=1`).ok).toBe(true);
    for (const key of ['9a', '.a', '-a', 'a b', 'a:b']) expect(run(`${key}=1`).ok).toBe(false);
  });

  it('round-trips the prefilled run modal', () => {
    const view = runModal(ctx, { phlo: 'batch', params: { note: 'two words', ticket: '42' } });
    expect(readSubmission(view.callback_id ?? '', submittedAsShown(view), view.private_metadata)).toEqual({
      ok: true,
      draft: { action: 'run', phlo: IDS.batch, input: { params: { note: 'two words', ticket: '42' } }, channelId: CHANNEL },
    });
  });
});

describe('metadata and untrusted payloads', () => {
  it('decodes what it encodes', () => {
    expect(decodeModalMetadata(encodeModalMetadata({ channelId: CHANNEL }))).toEqual({ channelId: CHANNEL });
    expect(decodeModalMetadata(META)).toEqual({ channelId: CHANNEL, action: 'transfer' });
  });

  it.each([
    ['not JSON', '{channelId'],
    ['empty', ''],
    ['not a string', { channelId: CHANNEL }],
    ['an extra key', JSON.stringify({ channelId: CHANNEL, role: 'supervisor' })],
    ['a mention for a channel', JSON.stringify({ channelId: '<!channel>' })],
    ['an action that is no action name', JSON.stringify({ channelId: CHANNEL, action: 'Phlo Status!' })],
    ['no channel', JSON.stringify({ action: 'run' })],
    ['too long', JSON.stringify({ channelId: CHANNEL, pad: 'x'.repeat(3000) })],
    ['an array', JSON.stringify([CHANNEL])],
    ['a prototype key', '{"channelId":"C0123SUPPORT","__proto__":{"x":1}}'],
  ])('refuses tampered metadata: %s', (_what, raw) => {
    expect(decodeModalMetadata(raw)).toBeUndefined();
    expect(readSubmission(MODAL_CALLBACK_IDS.transfer, transferState(), raw)).toEqual({
      ok: false,
      errors: { [MODAL_BLOCK_IDS.phlo]: 'This form is no longer valid. Close it and start again from /phlo.' },
    });
  });

  it('takes the channel from the metadata, never from the form', () => {
    const other = encodeModalMetadata({ channelId: 'C0999OTHER' });
    expect(readSubmission(MODAL_CALLBACK_IDS.transfer, transferState(), other)).toMatchObject({ ok: true, draft: { channelId: 'C0999OTHER' } });
  });

  it.each([null, 'values', [1, 2], { [MODAL_BLOCK_IDS.to]: 'flat' }])('refuses state values shaped %j', (values) => {
    expect(readSubmission(MODAL_CALLBACK_IDS.transfer, values, META)).toMatchObject({ ok: false, errors: { [MODAL_BLOCK_IDS.phlo]: anyOf(String) } });
  });

  it('treats a mis-shaped element as empty', () => {
    const values = transferState({ to: { type: 'plain_text_input', value: 42 }, phlo: { type: 'static_select', selected_option: 'x' } });
    const result = readSubmission(MODAL_CALLBACK_IDS.transfer, values, META);
    expect(result).toMatchObject({ ok: false, errors: { [MODAL_BLOCK_IDS.to]: anyOf(String), [MODAL_BLOCK_IDS.phlo]: anyOf(String) } });
  });

  it('has no submission for the picker or an unknown callback', () => {
    expect(readSubmission(MODAL_CALLBACK_IDS.picker, {}, META)).toEqual({ ok: false, errors: {} });
    expect(readSubmission('something_else', {}, META)).toEqual({ ok: false, errors: {} });
  });
});
