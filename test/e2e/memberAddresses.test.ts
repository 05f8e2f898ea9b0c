/**
 * One member is one member however its address is typed: `+14155551234` and `14155551234`, or
 * `sip:bob@Phone.plivo.com` and `sip:bob@phone.plivo.com`, are one line on the call card, one member
 * for `/phlo history --member`, and one action for duplicate detection. PHLO gets the canonical form.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SlackCall } from '../support/fakeSlack.js';
import { messageText, NODE_ID, PHLO_ID, startHarness, TEAM, USERS, type Harness } from './harness.js';

const DUPLICATE = 'That exact action was just sent, so it was not sent to PHLO again.';
const MEMBERS_PATH = `/v1/phlo/${PHLO_ID}/multi_party_call/${NODE_ID}/members/`;

let h: Harness;
beforeAll(async () => {
  // The app's own 5 s dedup window: the second spelling follows well within it.
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});
beforeEach(() => {
  h.phlo.reset();
  h.slack.reset();
});

let channelSeq = 0;
/** A channel of its own per test, so each test has its own call card. */
const freshChannel = (): string => `C0ADDR${++channelSeq}`;
const TARGET = '--phlo support --node queue';

/** The member lines of the call card as last drawn (posted, then updated in place). */
function cardMembers(card: SlackCall): string[] {
  return messageText(card)
    .split('\n')
    .filter((line) => line.startsWith('• '));
}

function latestCard(channel: string): SlackCall {
  const posted = h.slack.callsTo('chat.postMessage').find((c) => c.args.channel === channel && c.args.thread_ts === undefined);
  if (posted === undefined) throw new Error('no call card');
  const updates = h.slack.callsTo('chat.update').filter((c) => c.args.channel === channel && c.args.ts === posted.response?.ts);
  return updates.at(-1) ?? posted;
}

/** Runs `/phlo <text>` in `channel` and waits for its result in the call thread. */
async function act(channel: string, text: string, expected: string): Promise<SlackCall> {
  await h.command(`${text} ${TARGET}`, { channel });
  const reply = await h.waitForReply((c) => c.args.channel === channel && messageText(c).includes(expected));
  expect(messageText(reply)).toContain('outcome *ok*');
  return reply;
}

describe('the call card lists one member once', () => {
  it('call on 1415…, hold on +1415…, unhold on 1 415 …: one member, on the call, and PHLO always got +1415…', async () => {
    const channel = freshChannel();
    await act(channel, 'call 14155553001', 'added `+14155553001`');
    await act(channel, 'hold +14155553001', 'put `+14155553001` on hold');
    await act(channel, 'unhold 1 415 555 3001', '`+14155553001` off hold');
    await expect.poll(() => cardMembers(latestCard(channel))).toEqual(['• `+14155553001` (agent): on the call']);
    expect(h.phlo.requests.map((r) => (r.path.startsWith(MEMBERS_PATH) ? r.path.slice(MEMBERS_PATH.length) : (r.body as { to?: string }).to))).toEqual([
      '+14155553001',
      '+14155553001',
      '+14155553001',
    ]);
  });

  it('a SIP host typed in another case is the same member', async () => {
    const channel = freshChannel();
    await act(channel, 'call sip:Dora@phone.plivo.com', 'added `sip:Dora@phone.plivo.com`');
    await act(channel, 'hold sip:Dora@Phone.Plivo.COM', 'put `sip:Dora@phone.plivo.com` on hold');
    await expect.poll(() => cardMembers(latestCard(channel))).toEqual(['• `sip:Dora@phone.plivo.com` (agent): :double_vertical_bar: on hold']);
    expect(h.phlo.requests.at(-1)?.path).toBe(`${MEMBERS_PATH}sip:Dora@phone.plivo.com`);
  });
});

describe('/phlo history --member finds a member however it is typed', () => {
  it.each([
    ['14155553002', '+14155553002', 'call 14155553002', 'added'],
    ['sip:erin@PBX.example.com', 'sip:erin@pbx.example.com', 'call sip:erin@pbx.example.com', 'added'],
  ])('--member %s finds the rows stored for %s', async (typed, stored, action, done) => {
    const channel = freshChannel();
    await act(channel, action, `${done} \`${stored}\``);
    await expect
      .poll(async () => (await h.app.store.actions.history({ teamId: TEAM, channelId: channel, limit: 5 })).map((r) => r.member))
      .toEqual([stored]);
    h.slack.reset();
    await h.command(`history --member ${typed}`, { channel });
    const post = await h.slack.waitForCall('chat.postMessage', (c) => c.args.channel === channel && c.args.thread_ts === undefined && messageText(c).includes('history'));
    const rows = messageText(post)
      .split('\n')
      .filter((l) => l.startsWith('<!date^'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(`\`${stored}\``);
  });
});

describe('the same action typed two ways is one action', () => {
  it.each([
    ['+14155553003', '14155553003', '+14155553003'],
    ['sip:fred@phone.plivo.com', 'sip:fred@PHONE.plivo.com', 'sip:fred@phone.plivo.com'],
  ])('hold %s then hold %s within the window reaches PHLO once', async (first, second, canonical) => {
    const channel = freshChannel();
    await act(channel, `call ${first}`, `added \`${canonical}\``);
    await act(channel, `hold ${first}`, `put \`${canonical}\` on hold`);
    await h.command(`hold ${second} ${TARGET}`, { channel });
    await h.waitForEphemeral(USERS.alice, (c) => messageText(c).includes(DUPLICATE));
    expect(h.phlo.requests.filter((r) => r.path === `${MEMBERS_PATH}${canonical}`)).toHaveLength(1);
  });
});
