import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeModalMetadata } from '../../src/views/modals/index.js';
import { MODAL_ACTION_IDS as A, MODAL_BLOCK_IDS as B, MODAL_CALLBACK_IDS } from '../../src/views/ids.js';
import { interactiveBody, newTriggerId, postSigned, viewSubmissionBody, type ViewStateValue } from '../support/slackRequests.js';
import type { SlackCall } from '../support/fakeSlack.js';
import { defined } from '../support/matchers.js';
import { buttonsOf, CHANNEL, CONFIG_YAML, messageText, NODE_ID, OTHER_CHANNEL, PHLO_ID, SALES_PHLO_ID, SIGNING_SECRET, startHarness, TEAM, USERS, VIP_NODE_ID, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ dedupWindowMs: 0 });
});
afterAll(async () => {
  await h.stop();
});
beforeEach(() => {
  h.phlo.reset();
  h.slack.reset();
});

type Values = Record<string, Record<string, ViewStateValue>>;
const text = (value: string): ViewStateValue => ({ type: 'plain_text_input', value });
const choice = (type: string, value: string): ViewStateValue => ({ type, selected_option: { value } });

interface Blockish {
  block_id?: string;
  element?: { initial_option?: { value: string }; initial_value?: string; options?: { value: string }[]; option_groups?: { options: { value: string }[] }[] };
}
function blocksOf(call: SlackCall): Blockish[] {
  const view = call.args.view as { blocks: Blockish[] };
  return view.blocks;
}
const block = (call: SlackCall, id: string): Blockish | undefined => blocksOf(call).find((b) => b.block_id === id);

async function submit(callbackId: string, values: Values, options: { user?: string; metadata?: string } = {}) {
  return postSigned(
    `${h.baseUrl}/slack/events`,
    viewSubmissionBody({
      userId: options.user ?? USERS.alice,
      teamId: TEAM,
      callbackId,
      privateMetadata: options.metadata ?? encodeModalMetadata({ channelId: CHANNEL }),
      values,
    }),
    SIGNING_SECRET,
  );
}

const transferValues = (to: string, extra: Values = {}): Values => ({
  [B.phlo]: { [A.phlo]: choice('static_select', PHLO_ID) },
  [B.node]: { [A.node]: choice('static_select', `${PHLO_ID}/${NODE_ID}`) },
  [B.mode]: { [A.mode]: choice('radio_buttons', 'warm') },
  [B.to]: { [A.to]: text(to) },
  [B.role]: { [A.role]: choice('radio_buttons', 'agent') },
  [B.from]: { [A.from]: text('+14155550100') },
  ...extra,
});

describe('modals', () => {
  it('/phlo alone opens the action picker; choosing an action turns it into that form', async () => {
    await h.command('');
    const opened = await h.slack.waitForCall('views.open');
    expect((opened.args.view as { callback_id: string }).callback_id).toBe(MODAL_CALLBACK_IDS.picker);
    const view = opened.response?.view as { id: string; hash: string; private_metadata: string };
    const res = await postSigned(
      `${h.baseUrl}/slack/events`,
      interactiveBody({
        type: 'block_actions',
        user: { id: USERS.alice, team_id: TEAM },
        team: { id: TEAM },
        api_app_id: 'A0APP',
        trigger_id: newTriggerId(),
        container: { type: 'view', view_id: view.id },
        view: { ...view, type: 'modal', callback_id: MODAL_CALLBACK_IDS.picker, state: { values: {} } },
        actions: [{ type: 'static_select', action_id: A.picker, block_id: B.picker, selected_option: { value: 'transfer' }, action_ts: '1' }],
      }),
      SIGNING_SECRET,
    );
    expect(res.status).toBe(200);
    const updated = await h.slack.waitForCall('views.update');
    expect(updated.args.view_id).toBe(view.id);
    expect((updated.args.view as { callback_id: string }).callback_id).toBe(MODAL_CALLBACK_IDS.transfer);
  });

  it('/phlo transfer opens the transfer form with the channel’s defaults and the user’s address', async () => {
    await h.command('transfer');
    const opened = await h.slack.waitForCall('views.open');
    expect((opened.args.view as { callback_id: string }).callback_id).toBe(MODAL_CALLBACK_IDS.transfer);
    expect(block(opened, B.phlo)?.element?.initial_option?.value).toBe(PHLO_ID);
    expect(block(opened, B.node)?.element?.initial_option?.value).toBe(`${PHLO_ID}/${NODE_ID}`);
    expect(block(opened, B.from)?.element?.initial_value).toBe('+14155550100');
    expect(h.phlo.requests).toHaveLength(0);
  });

  it.each([
    ['transfer warm', MODAL_CALLBACK_IDS.transfer, B.mode, 'warm'],
    ['call --role customer', MODAL_CALLBACK_IDS.call, B.role, 'customer'],
    ['hold --node vip', MODAL_CALLBACK_IDS.member, B.node, `${PHLO_ID}/${VIP_NODE_ID}`],
    ['run', MODAL_CALLBACK_IDS.run, B.phlo, PHLO_ID],
  ])('a command missing arguments (%s) opens its form prefilled with what was typed', async (command, callbackId, blockId, initial) => {
    await h.command(command);
    const opened = await h.slack.waitForCall('views.open');
    expect((opened.args.view as { callback_id: string }).callback_id).toBe(callbackId);
    expect(block(opened, blockId)?.element?.initial_option?.value).toBe(initial);
  });

  it('a valid submission closes the modal and the result lands in the channel’s call thread', async () => {
    const res = await submit(MODAL_CALLBACK_IDS.transfer, transferValues('+1 415 555 2000'));
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    const reply = await h.waitForReply();
    expect(reply.args.channel).toBe(CHANNEL);
    expect(messageText(reply)).toContain('started a warm transfer to `+14155552000`');
    expect(h.phlo.requests[0]?.body).toEqual({ action: 'warm_transfer', to: '+14155552000', role: 'agent', trigger_source: '+14155550100' });
  });

  it('a member action form runs that action on the member', async () => {
    await h.command('call +14155552001');
    await h.waitForReply();
    await submit(MODAL_CALLBACK_IDS.member, {
      [B.phlo]: { [A.phlo]: choice('static_select', PHLO_ID) },
      [B.node]: { [A.node]: choice('static_select', `${PHLO_ID}/${NODE_ID}`) },
      [B.member]: { [A.member]: text('+14155552001') },
      [B.memberAction]: { [A.memberAction]: choice('radio_buttons', 'hold') },
    });
    await h.waitForReply((c) => messageText(c).includes('on hold'));
    expect(h.phlo.requests[1]).toMatchObject({ path: `/v1/phlo/${PHLO_ID}/multi_party_call/${NODE_ID}/members/+14155552001`, body: { action: 'hold' } });
  });

  it('a run form sends its key=value lines', async () => {
    await submit(
      MODAL_CALLBACK_IDS.run,
      { [B.phlo]: { [A.phlo]: choice('static_select', PHLO_ID) }, [B.params]: { [A.params]: text('CallerName="Ada L"\nticket=77') } },
      { user: USERS.bob },
    );
    await h.waitForReply();
    expect(h.phlo.requests[0]?.body).toEqual({ CallerName: 'Ada L', ticket: '77' });
  });

  it.each([
    ['an invalid number', transferValues('12'), B.to],
    [
      'a forged PHLO',
      transferValues('+14155552002', {
        [B.phlo]: { [A.phlo]: choice('static_select', '00000000-0000-4000-8000-000000000000') },
        [B.node]: { [A.node]: choice('static_select', `00000000-0000-4000-8000-000000000000/${NODE_ID}`) },
      }),
      B.phlo,
    ],
    ['a node of another PHLO', transferValues('+14155552002', { [B.node]: { [A.node]: choice('static_select', `${PHLO_ID}/00000000-0000-4000-8000-000000000000`) } }), B.node],
    ['a bad from address', transferValues('+14155552002', { [B.from]: { [A.from]: text('my desk') } }), B.from],
  ])('%s stays in the modal as an inline error on its field, and nothing is sent', async (_what, values, field) => {
    const res = await submit(MODAL_CALLBACK_IDS.transfer, values);
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors)).toEqual([field]);
    expect(body.errors[field]).not.toMatch(/[`*]|:[a-z_]+:/);
    expect(h.phlo.requests).toHaveLength(0);
  });

  it('tampered metadata keeps the modal open and sends nothing', async () => {
    const res = await submit(MODAL_CALLBACK_IDS.transfer, transferValues('+14155552003'), { metadata: '{"channelId":"C0SUPPORT","admin":true}' });
    expect(JSON.parse(res.body)).toMatchObject({ response_action: 'errors' });
    expect(h.phlo.requests).toHaveLength(0);
  });

  it('a submission is authorized again: a viewer’s form closes, they alone are told, nothing is sent', async () => {
    const res = await submit(MODAL_CALLBACK_IDS.transfer, transferValues('+14155552004'), { user: USERS.vic });
    expect(res.body).toBe('');
    const answer = await h.waitForEphemeral(USERS.vic);
    expect(answer.args.channel).toBe(CHANNEL);
    expect(messageText(answer)).toContain('does not have the `transfer` permission');
    expect(h.phlo.requests).toHaveLength(0);
  });

  it('a submission whose PHLO call fails says so in the thread', async () => {
    h.phlo.failNext({ status: 400, body: { api_id: 'x', error: 'transfer not allowed now' } });
    await submit(MODAL_CALLBACK_IDS.transfer, transferValues('+14155552005'));
    const reply = await h.waitForReply();
    expect(messageText(reply)).toContain('PHLO said: “transfer not allowed now”');
  });
});

/** A choice in an open form's select, as Slack sends it: the view with its hash and state. */
async function chooseInForm(opened: SlackCall, actionId: string, blockId: string, value: string, values: Values = {}, app: Harness = h) {
  const view = opened.response?.view as { id: string; hash: string; private_metadata: string; callback_id: string };
  return postSigned(
    `${app.baseUrl}/slack/events`,
    interactiveBody({
      type: 'block_actions',
      user: { id: USERS.alice, team_id: TEAM },
      team: { id: TEAM },
      api_app_id: 'A0APP',
      trigger_id: newTriggerId(),
      container: { type: 'view', view_id: view.id },
      view: { ...view, type: 'modal', state: { values } },
      actions: [{ type: 'static_select', action_id: actionId, block_id: blockId, selected_option: { value }, action_ts: '1' }],
    }),
    SIGNING_SECRET,
  );
}

const optionValues = (b: Blockish | undefined): string[] =>
  [...(b?.element?.options ?? []), ...(b?.element?.option_groups ?? []).flatMap((g) => g.options)].map((o) => o.value);

describe('the transfer form’s node select follows the PHLO chosen', () => {
  const SALES_FLOOR = '5d2e1c4b-3a29-4f18-8e07-6d5c4b3a2910';
  let app: Harness;
  beforeAll(async () => {
    // Two PHLOs with nodes: support's and sales'.
    const yaml = CONFIG_YAML.replace(`  sales:\n    id: ${SALES_PHLO_ID}\n`, `  sales:\n    id: ${SALES_PHLO_ID}\n    nodes:\n      floor: ${SALES_FLOOR}\n`);
    app = await startHarness({ shareWith: h, configYaml: yaml });
  });
  afterAll(async () => {
    await app.stop();
  });

  it("lists the channel's PHLO's nodes only; choosing sales redraws it with sales' node, keeping what was typed", async () => {
    await app.command('transfer warm');
    const opened = await h.slack.waitForCall('views.open');
    expect(optionValues(block(opened, B.node))).toEqual([`${PHLO_ID}/${NODE_ID}`, `${PHLO_ID}/${VIP_NODE_ID}`]);
    const res = await chooseInForm(opened, A.phlo, B.phlo, SALES_PHLO_ID, { [B.to]: { [A.to]: text('+14155552222') } }, app);
    expect(res.status).toBe(200);
    const updated = await h.slack.waitForCall('views.update');
    const view = opened.response?.view as { id: string; hash: string };
    // The view it was drawn from, and only if nobody changed it meanwhile.
    expect(updated.args).toMatchObject({ view_id: view.id, hash: view.hash });
    expect(block(updated, B.phlo)?.element?.initial_option?.value).toBe(SALES_PHLO_ID);
    expect(optionValues(block(updated, B.node))).toEqual([`${SALES_PHLO_ID}/${SALES_FLOOR}`]);
    expect(block(updated, B.node)?.element?.initial_option?.value).toBe(`${SALES_PHLO_ID}/${SALES_FLOOR}`);
    expect(block(updated, B.to)?.element?.initial_value).toBe('+14155552222');
    expect(h.phlo.requests).toHaveLength(0);
  });

  it('a PHLO the configuration does not name is refused, and the form is left as it was', async () => {
    await app.command('transfer', { channel: OTHER_CHANNEL });
    const opened = await h.slack.waitForCall('views.open');
    await chooseInForm(opened, A.phlo, B.phlo, '00000000-0000-4000-8000-000000000000', {}, app);
    await app.waitForEphemeral(USERS.alice, (c) => messageText(c).includes('not valid any more'));
    expect(h.slack.callsTo('views.update')).toHaveLength(0);
  });
});

describe('the member form offers the members on the call', () => {
  it('/phlo hold lists who is on the channel’s call; the one chosen is put on hold', async () => {
    await h.command('call +14155553300 --role customer', { user: USERS.bob });
    await h.waitForReply((c) => messageText(c).includes('+14155553300'));
    h.slack.reset();
    await h.command('hold');
    const opened = await h.slack.waitForCall('views.open');
    const onCall = block(opened, B.memberOnCall);
    expect(optionValues(onCall)).toContain('+14155553300');
    const labels = ((onCall?.element as { options?: { text: { text: string }; value: string }[] } | undefined)?.options ?? []).map((o) => o.text.text);
    expect(labels).toContain('+14155553300 · customer');
    const selectId = String((onCall?.element as { action_id?: string } | undefined)?.action_id);
    await submit(MODAL_CALLBACK_IDS.member, {
      [B.phlo]: { [A.phlo]: choice('static_select', PHLO_ID) },
      [B.node]: { [A.node]: choice('static_select', `${PHLO_ID}/${NODE_ID}`) },
      [B.memberOnCall]: { [selectId]: choice('static_select', '+14155553300') },
      [B.memberAction]: { [A.memberAction]: choice('radio_buttons', 'hold') },
    });
    const reply = await h.waitForReply((c) => messageText(c).includes('on hold'));
    expect(messageText(reply)).toContain(`<@${USERS.alice}> put \`+14155553300\` on hold`);
    expect(h.phlo.requests.at(-1)).toMatchObject({ path: `/v1/phlo/${PHLO_ID}/multi_party_call/${NODE_ID}/members/+14155553300`, body: { action: 'hold' } });
  });

  it('choosing another node redraws the form with that call’s members (none yet on vip)', async () => {
    await h.command('hold');
    const opened = await h.slack.waitForCall('views.open');
    expect(block(opened, B.memberOnCall)).toBeDefined();
    const nodeSelect = String((block(opened, B.node)?.element as { action_id?: string } | undefined)?.action_id);
    await chooseInForm(opened, nodeSelect, B.node, `${PHLO_ID}/${VIP_NODE_ID}`);
    const updated = await h.slack.waitForCall('views.update');
    expect(block(updated, B.node)?.element?.initial_option?.value).toBe(`${PHLO_ID}/${VIP_NODE_ID}`);
    expect(block(updated, B.memberOnCall)).toBeUndefined();
    expect(block(updated, B.member)).toBeDefined();
  });
});

describe('buttons', () => {
  /** Runs a command and returns its reply (recognised by the number it names, so no earlier reply is taken). */
  async function replyWithButtons(command: string, user: string = USERS.bob): Promise<SlackCall> {
    const number = /\+\d+/.exec(command)?.[0] ?? '';
    await h.command(command, { user });
    return h.waitForReply((c) => buttonsOf(c).length > 0 && messageText(c).includes(number));
  }

  it('Hold on a reply runs hold through the same pipeline and answers in the same thread, offering Unhold', async () => {
    const reply = await replyWithButtons('call +14155553000');
    const hold = buttonsOf(reply).find((b) => b.label === 'Hold agent …3000');
    expect(hold).toBeDefined();
    const holdButton = defined(hold, 'the Hold button');
    const threadTs = String(reply.args.thread_ts);
    await h.click({ user: USERS.alice, actionId: holdButton.actionId, value: holdButton.value, messageTs: String(reply.response?.ts), threadTs });
    const held = await h.waitForReply((c) => messageText(c).includes('on hold'));
    expect(held.args.thread_ts).toBe(threadTs);
    expect(messageText(held)).toContain(`<@${USERS.alice}> put \`+14155553000\` on hold`);
    expect(buttonsOf(held).map((b) => b.label)).toEqual(['Unhold …3000']);
    expect(h.phlo.requests[1]).toMatchObject({ path: `/v1/phlo/${PHLO_ID}/multi_party_call/${NODE_ID}/members/+14155553000`, body: { action: 'hold' } });
  });

  it('after a warm transfer the card offers Resume and Abort, and Hang up asks for confirmation', async () => {
    await replyWithButtons('call +14155553001 --node vip', USERS.bob);
    await replyWithButtons('transfer warm +14155553002 --node vip --from +14155553001', USERS.bob);
    const update = await h.slack.waitForCall('chat.update', (c) => messageText(c).includes('Warm transfer to `+14155553002`'));
    const labels = buttonsOf(update).map((b) => b.label);
    // On the member the transfer was made from, whom the card lists first.
    expect(labels).toContain('Resume agent …3001');
    expect(labels).toContain('Abort agent …3001');
    expect(messageText(update)).toContain('• `+14155553001` (agent): on the call · :arrows_counterclockwise: transferring the call to `+14155553002`');
    expect(buttonsOf(update).filter((b) => b.label.startsWith('Hang up')).every((b) => b.confirm)).toBe(true);
    expect(messageText(update)).toContain(`started by <@${USERS.bob}>`);
  });

  it('a click by a user without the permission is answered to them alone; nothing is sent', async () => {
    const reply = await replyWithButtons('call +14155553003');
    const hangup = buttonsOf(reply).find((b) => b.label === 'Hang up agent …3003');
    const hangupButton = defined(hangup, 'the Hang up button');
    h.slack.reset();
    await h.click({ user: USERS.alice, actionId: hangupButton.actionId, value: hangupButton.value, messageTs: String(reply.response?.ts) });
    const answer = await h.waitForEphemeral(USERS.alice);
    expect(messageText(answer)).toContain('Your role `agent` does not have the `hangup` permission');
    expect(h.phlo.requests).toHaveLength(1);
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it.each([
    ['not JSON', 'hold please'],
    ['an action no button carries', JSON.stringify({ a: 'call', p: PHLO_ID, n: NODE_ID, m: '+14155553004' })],
    ['a PHLO not in the configuration', JSON.stringify({ a: 'hold', p: '00000000-0000-4000-8000-000000000000', n: NODE_ID, m: '+14155553004' })],
    ['a node of no configured PHLO', JSON.stringify({ a: 'hold', p: PHLO_ID, n: '00000000-0000-4000-8000-000000000000', m: '+14155553004' })],
    ['a member that is no address', JSON.stringify({ a: 'hold', p: PHLO_ID, n: NODE_ID, m: '<!channel>' })],
  ])('a forged button value (%s) is refused to that user alone, and nothing is sent', async (_what, value) => {
    await h.click({ user: USERS.bob, actionId: 'phlo_action:hold:0', value, messageTs: '1700000000.000100' });
    const answer = await h.waitForEphemeral(USERS.bob);
    expect(messageText(answer)).not.toContain('<!channel>');
    expect(h.phlo.requests).toHaveLength(0);
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });
});
