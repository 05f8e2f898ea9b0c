/**
 * What a newcomer tripped on: a refusal of a click in a call's thread lands in that thread; an old
 * button on a member who has left is answered "already left" without bothering PHLO; a slow PHLO is
 * announced at once and the announcement becomes the result.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SlackCall } from '../support/fakeSlack.js';
import { blockActionsBody, postSigned } from '../support/slackRequests.js';
import { buttonsOf, CHANNEL, CONFIG_YAML, messageText, SIGNING_SECRET, startHarness, TEAM, USERS, type Harness } from './harness.js';
import { announcements, waitForResult } from './results.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ dedupWindowMs: 0, phloTimeoutMs: 3000 });
});
afterAll(async () => {
  await h.stop();
});
beforeEach(() => {
  h.phlo.reset();
  h.slack.reset();
});

/** Adds `member` to the call and returns the reply (with its Hold and Hang up buttons) in the call's thread. */
async function dialled(member: string): Promise<SlackCall> {
  await h.command(`call ${member}`, { user: USERS.bob });
  return waitForResult(h, (c) => messageText(c).includes(`added \`${member}\``));
}

/** A click on one of a reply's buttons, as Slack sends it from the reply in the call's thread. */
function clickOn(reply: SlackCall, label: string, user: string): Promise<unknown> {
  const button = buttonsOf(reply).find((b) => b.label.startsWith(label));
  if (button === undefined) throw new Error(`no ${label} button on: ${messageText(reply)}`);
  return h.click({ user, actionId: button.actionId, value: button.value, messageTs: String(reply.response?.ts), threadTs: String(reply.args.thread_ts) });
}

const memberRequests = (member: string): number => h.phlo.requests.filter((r) => decodeURIComponent(r.path).endsWith(`/members/${member}`)).length;

describe('a refusal answers where the click was made', () => {
  it('a viewer refused on a reply in the call thread reads the refusal in that thread', async () => {
    const reply = await dialled('+14155552001');
    const requestsBefore = h.phlo.requests.length;
    await clickOn(reply, 'Hold', USERS.vic);
    const refusal = await h.waitForEphemeral(USERS.vic);
    expect(messageText(refusal)).toContain('does not have the `hold` permission');
    expect(refusal.args.thread_ts).toBe(reply.args.thread_ts);
    expect(h.phlo.requests.length).toBe(requestsBefore);
  });

  it('a refusal of a click on the call card, which sits in the channel, is answered in the channel', async () => {
    const reply = await dialled('+14155552002');
    const cardTs = String(reply.args.thread_ts);
    const button = buttonsOf(reply).find((b) => b.label.startsWith('Hold'));
    // The card's own Hold button carries the same value as the reply's; Slack gives the card its own ts as thread_ts.
    await h.click({ user: USERS.vic, actionId: String(button?.actionId), value: String(button?.value), messageTs: cardTs, threadTs: cardTs });
    const refusal = await h.waitForEphemeral(USERS.vic);
    expect(messageText(refusal)).toContain('permission');
    expect(refusal.args.thread_ts).toBeUndefined();
  });

  it('a click on a message only the clicker sees is answered in its place, through its response_url', async () => {
    const reply = await dialled('+14155552003');
    const button = buttonsOf(reply).find((b) => b.label.startsWith('Hold'));
    const responseUrl = h.slack.responseUrl('on-ephemeral');
    const body = blockActionsBody({
      userId: USERS.vic,
      channelId: CHANNEL,
      teamId: TEAM,
      messageTs: '1700000000.000001',
      ephemeral: true,
      actionId: String(button?.actionId),
      value: String(button?.value),
      responseUrl,
    });
    expect((await postSigned(`${h.baseUrl}/slack/events`, body, SIGNING_SECRET)).status).toBe(200);
    const answer = await h.slack.waitForResponse((r) => r.id === 'on-ephemeral');
    expect(String(answer.body.text)).toContain('permission');
    expect(answer.body.replace_original).toBe(false);
    expect(h.slack.callsTo('chat.postEphemeral')).toHaveLength(0);
  });
});

describe('a member the call knows has left', () => {
  it('an old Hold button on a member who was hung up is answered "already left", privately in the thread, and PHLO hears nothing', async () => {
    const member = '+14155552101';
    const reply = await dialled(member);
    await h.command(`hangup ${member}`, { user: USERS.bob });
    await waitForResult(h, (c) => messageText(c).includes(`hung up \`${member}\``));
    const before = memberRequests(member);
    const postsBefore = h.slack.callsTo('chat.postMessage').length;

    await clickOn(reply, 'Hold', USERS.alice);
    const answer = await h.waitForEphemeral(USERS.alice);
    expect(messageText(answer)).toContain(`\`${member}\` has already left the call (hung up by <@${USERS.bob}>), so nothing was sent to PHLO.`);
    expect(answer.args.thread_ts).toBe(reply.args.thread_ts);
    expect(memberRequests(member)).toBe(before);
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(postsBefore);
    const [last] = await h.app.store.actions.history({ teamId: TEAM, channelId: CHANNEL, member, limit: 1 });
    expect(last).toMatchObject({ action: 'hold', outcome: 'invalid', userId: USERS.alice });
  });

  it('a typed command on a member cold-transferred away is refused the same way', async () => {
    const member = '+14155552102';
    await dialled(member);
    await h.command(`transfer cold +14155552103 --from ${member}`, { user: USERS.bob });
    await waitForResult(h, (c) => messageText(c).includes('cold-transferred the call to `+14155552103`'));
    const before = memberRequests(member);
    await h.command(`unhold ${member}`, { user: USERS.alice });
    const answer = await h.waitForEphemeral(USERS.alice);
    expect(messageText(answer)).toContain(`\`${member}\` has already left the call (cold-transferred away by <@${USERS.bob}>)`);
    expect(memberRequests(member)).toBe(before);
  });

  it('a member added back to the call can be acted on again', async () => {
    const member = '+14155552104';
    await dialled(member);
    await h.command(`hangup ${member}`, { user: USERS.bob });
    await waitForResult(h, (c) => messageText(c).includes(`hung up \`${member}\``));
    await h.command(`call ${member}`, { user: USERS.bob });
    const added = (): number => h.slack.callsTo('chat.postMessage').filter((c) => messageText(c).includes(`added \`${member}\``)).length;
    await expect.poll(added, { timeout: 10_000 }).toBe(2);
    await h.command(`hold ${member}`, { user: USERS.alice });
    const held = await waitForResult(h, (c) => messageText(c).includes(`put \`${member}\` on hold`));
    expect(messageText(held)).toContain('outcome *ok*');
    expect(h.slack.callsTo('chat.postEphemeral')).toHaveLength(0);
  });
});

describe('a slow PHLO', () => {
  it('is announced in the thread while it thinks, and the announcement becomes the result', async () => {
    const member = '+14155552201';
    const reply = await dialled(member);
    const threadPosts = (): number => h.slack.callsTo('chat.postMessage').filter((c) => c.args.thread_ts !== undefined).length;
    const postsBefore = threadPosts();
    h.phlo.failNext('hang');
    await h.command(`hold ${member}`, { user: USERS.alice });
    const announced = await h.slack.waitForCall('chat.postMessage', (c) => messageText(c).includes(`<@${USERS.alice}> asked PHLO to put \`${member}\` on hold`));
    expect(announced.args.thread_ts).toBe(reply.args.thread_ts);
    const result = await waitForResult(h, (c) => messageText(c).includes(`put \`${member}\` on hold`));
    expect(result.method).toBe('chat.update');
    expect(result.args.ts).toBe(announced.response?.ts);
    expect(messageText(result)).toContain('PHLO did not answer within 3 s');
    // One message in the thread for the action: the announcement, rewritten.
    expect(announcements(h)).toHaveLength(1);
    expect(threadPosts()).toBe(postsBefore + 1);
  });

  it('a fast PHLO gets no announcement: one reply and no rewrite of it', async () => {
    const member = '+14155552202';
    await dialled(member);
    await h.command(`hold ${member}`, { user: USERS.alice });
    const held = await waitForResult(h, (c) => messageText(c).includes(`put \`${member}\` on hold`));
    expect(held.method).toBe('chat.postMessage');
    expect(announcements(h)).toHaveLength(0);
    expect(h.slack.callsTo('chat.update').filter((c) => c.args.ts === held.response?.ts)).toHaveLength(0);
  });

  it('two slow actions at once in one channel: one announcement, and the other result is posted as a reply', async () => {
    const a = '+14155552204';
    const b = '+14155552205';
    await dialled(a);
    await dialled(b);
    h.phlo.failNext('hang', { times: 2 });
    await Promise.all([h.command(`hold ${a}`, { user: USERS.alice }), h.command(`hold ${b}`, { user: USERS.bob })]);
    const results = await Promise.all([
      waitForResult(h, (c) => messageText(c).includes(`put \`${a}\` on hold`)),
      waitForResult(h, (c) => messageText(c).includes(`put \`${b}\` on hold`)),
    ]);
    expect(announcements(h)).toHaveLength(1);
    expect(results.map((r) => r.method).sort()).toEqual(['chat.postMessage', 'chat.update']);
  });
});

describe('a PHLO that answers, slowly', () => {
  // Its own app: PHLO takes 3 s, well past the announcement's second and well inside the timeout.
  let slow: Harness;
  beforeAll(async () => {
    slow = await startHarness({ dedupWindowMs: 0, phloTimeoutMs: 10_000 });
  });
  afterAll(async () => {
    await slow.stop();
  });
  beforeEach(() => {
    slow.phlo.reset();
    slow.slack.reset();
    slow.phlo.setLatency(3000);
  });

  it('on a call with no thread yet, the card is posted first and the announcement under it', async () => {
    await slow.command('call +14155552203 --node vip', { user: USERS.bob });
    const announced = await slow.slack.waitForCall('chat.postMessage', (c) => messageText(c).includes('asked PHLO to add `+14155552203`'));
    const card = slow.slack.callsTo('chat.postMessage').find((c) => c.response?.ts === announced.args.thread_ts);
    expect(card).toBeDefined();
    const result = await waitForResult(slow, (c) => messageText(c).includes('added `+14155552203`'));
    expect(result.method).toBe('chat.update');
    expect(messageText(result)).toContain('outcome *ok*');
    // The card catches up with the member the action added.
    await slow.slack.waitForCall('chat.update', (c) => c.args.ts === card?.response?.ts && messageText(c).includes('+14155552203'));
    const [row] = await slow.app.store.actions.history({ teamId: TEAM, channelId: CHANNEL, member: '+14155552203', limit: 1 });
    expect(row?.threadTs).toBe(announced.args.thread_ts);
  });

  it('an announcement Slack rate-limits is waited out, and the result still replaces it', async () => {
    const member = '+14155552206';
    await slow.command(`call ${member}`, { user: USERS.bob });
    await waitForResult(slow, (c) => messageText(c).includes(`added \`${member}\``));
    slow.slack.reset();
    slow.slack.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 1 });
    await slow.command(`hold ${member}`, { user: USERS.alice });
    const result = await waitForResult(slow, (c) => messageText(c).includes(`put \`${member}\` on hold`));
    expect(slow.slack.callsTo('chat.postMessage').map((c) => c.status)).toContain(429);
    expect(result.method).toBe('chat.update');
    expect(result.args.ts).toBe(announcements(slow).find((c) => c.status === 200)?.response?.ts);
    expect(messageText(result)).toContain('outcome *ok*');
  });
});

describe('on a request for approval in the call thread', () => {
  it("a viewer's refused Approve and a late approver's notice appear in that thread", async () => {
    const own = await startHarness({
      configYaml: `${CONFIG_YAML.replace('agent: [status, history, call, transfer, hold,', 'agent: [status, history, call, transfer, hangup, hold,')}\napprovals:\n  hangup: [supervisor]\n`,
    });
    try {
      const member = '+14155552401';
      await own.command(`call ${member}`);
      await waitForResult(own, (c) => messageText(c).includes(`added \`${member}\``));
      await own.command(`hangup ${member} --reason "abusive caller"`);
      const request = await own.waitForReply((c) => messageText(c).includes('abusive caller'));
      const approve = buttonsOf(request).find((b) => b.label === 'Approve');
      const at = { actionId: String(approve?.actionId), value: String(approve?.value), messageTs: String(request.response?.ts), threadTs: String(request.args.thread_ts) };

      await own.click({ ...at, user: USERS.vic });
      const refused = await own.waitForEphemeral(USERS.vic, (c) => messageText(c).includes('can approve or reject'));
      expect(refused.args.thread_ts).toBe(request.args.thread_ts);

      await own.click({ ...at, user: USERS.bob });
      await waitForResult(own, (c) => messageText(c).includes(`hung up \`${member}\``));
      await own.click({ ...at, user: USERS.lee });
      const late = await own.waitForEphemeral(USERS.lee);
      expect(late.args.thread_ts).toBe(request.args.thread_ts);
    } finally {
      await own.stop();
    }
  });
});

describe('stopping while a slow action is announced', () => {
  it('the action finishes, its announcement becomes the result, and its outcome is recorded', async () => {
    const own = await startHarness({ phloTimeoutMs: 8000 });
    try {
      own.phlo.setLatency(3000);
      await own.command('call +14155552301', { user: USERS.bob });
      await own.slack.waitForCall('chat.postMessage', (c) => messageText(c).includes('asked PHLO to add `+14155552301`'));
      await own.app.stop();
      const rewritten = own.slack.callsTo('chat.update').find((c) => messageText(c).includes('added `+14155552301`') && messageText(c).includes('outcome *ok*'));
      expect(rewritten).toBeDefined();
      // The store is closed now: the action's log line, written with its record, says how it ended.
      expect(own.logs.find((l) => l.msg === 'action' && l.member === '+14155552301')).toMatchObject({ outcome: 'ok' });
    } finally {
      await own.slack.close();
      await own.phlo.close();
    }
  });
});
