/**
 * The per-user limit on actions, end to end: signed `/phlo` commands in, what the user reads, what PHLO
 * got, the history rows and /metrics out. The app's clock is the test's, so "a minute" needs no waiting.
 * The holds name members who are not on any call: PHLO answers them 404, which is still a request PHLO
 * got, and that is what the limit counts.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SlackCall } from '../support/fakeSlack.js';
import { buttonsOf, CHANNEL, CONFIG_YAML, messageText, startHarness, TEAM, USERS, type Harness } from './harness.js';

const REFUSAL = 'actions in the last minute';
const isRefusal = (c: SlackCall): boolean => messageText(c).includes(REFUSAL);

/** A clock that moves only when the test moves it (from the real time at the start, so the stand-ins agree). */
function movableClock() {
  let at = Date.now();
  return { now: () => new Date(at), advance: (ms: number) => { at += ms; } };
}

let memberSeq = 0;
const freshMember = (): string => `+1415556${String(++memberSeq).padStart(4, '0')}`;
const holdsOf = (h: Harness, member: string) => h.phlo.requests.filter((r) => r.path.endsWith(`/members/${member}`));

/** Sends `count` holds from `user` at once, each on its own member, and waits until PHLO got them all. */
async function holds(h: Harness, user: string, count: number): Promise<string[]> {
  const members = Array.from({ length: count }, freshMember);
  const before = h.phlo.requests.length;
  const answers = await Promise.all(members.map((m) => h.command(`hold ${m}`, { user })));
  expect(answers.map((a) => a.status)).toEqual(members.map(() => 200));
  // Generous: twenty requests at once on a busy machine.
  await expect.poll(() => h.phlo.requests.length - before, { timeout: 20_000 }).toBe(count);
  return members;
}

describe('with the default limit of 20 actions a minute', () => {
  let h: Harness;
  const clock = movableClock();

  beforeAll(async () => {
    h = await startHarness({ configYaml: CONFIG_YAML, now: clock.now, dedupWindowMs: 0, metrics: true });
  });
  afterAll(async () => {
    await h.stop();
  });
  beforeEach(() => {
    h.phlo.reset();
    h.slack.reset();
  });
  afterEach(() => {
    // Each test starts with everyone's minute behind them.
    clock.advance(2 * 60_000);
  });

  it('the 21st hold in a minute is refused in words, reaches no PHLO, is on record as denied and counted; another user is unaffected', async () => {
    await holds(h, USERS.alice, 20);
    clock.advance(48_000);

    const member = freshMember();
    expect((await h.command(`hold ${member}`)).status).toBe(200);
    const answer = await h.waitForEphemeral(USERS.alice, isRefusal);
    expect(messageText(answer)).toContain(
      'You have sent 20 actions in the last minute, the most phlo-bot takes from one person, so this one was not sent to PHLO. Try again in 12 s.',
    );
    // The answer comes after the refusal is written: PHLO would have been asked before it, if at all.
    expect(holdsOf(h, member)).toHaveLength(0);
    expect(h.phlo.requests).toHaveLength(20);
    const rows = await h.app.store.actions.history({ teamId: TEAM, channelId: CHANNEL, member, limit: 5 });
    expect(rows).toEqual([expect.objectContaining({ action: 'hold', userId: USERS.alice, outcome: 'denied', error: expect.stringMatching(/^rate_limited: 20 actions/) as string })]);
    const metrics = await (await fetch(`${String(h.metricsUrl)}/metrics`)).text();
    expect(metrics).toContain('phlo_bot_rate_limited_total{verb="hold"} 1');
    expect(metrics).toContain('phlo_bot_actions_total{verb="hold",outcome="denied"} 1');

    // Bob has his own minute.
    const [bobs] = await holds(h, USERS.bob, 1);
    await h.waitForReply((c) => messageText(c).includes(String(bobs)));
    expect(h.slack.callsTo('chat.postEphemeral').filter(isRefusal)).toHaveLength(1);

    // Once the first of Alice's twenty is a minute old, she may act again.
    clock.advance(12_000);
    await holds(h, USERS.alice, 1);
  });

  it('a button click counts like a command', async () => {
    const member = freshMember();
    await h.command(`call ${member}`);
    const reply = await h.waitForReply((c) => messageText(c).includes(member) && buttonsOf(c).length > 0);
    await holds(h, USERS.alice, 19);
    const hold = buttonsOf(reply).find((b) => b.label.startsWith('Hold'));
    if (hold === undefined) throw new Error('the reply has no Hold button');
    await h.click({ actionId: hold.actionId, value: hold.value, messageTs: String(reply.response?.ts), threadTs: String(reply.args.thread_ts) });
    await h.waitForEphemeral(USERS.alice, isRefusal);
    expect(holdsOf(h, member)).toHaveLength(0);
  });

  it('help, whoami and history are never counted', async () => {
    await holds(h, USERS.alice, 20);
    for (const text of ['help', 'whoami', 'history']) await h.command(text);
    await h.waitForEphemeral(USERS.alice, (c) => messageText(c).includes('/phlo call'));
    await h.waitForEphemeral(USERS.alice, (c) => messageText(c).includes('agent'));
    await h.slack.waitForCall('chat.postMessage', (c) => messageText(c).includes('The last'));
    expect(h.slack.callsTo('chat.postEphemeral').filter(isRefusal)).toHaveLength(0);
  });
});

describe('with the limit configured off', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ configYaml: `${CONFIG_YAML}\nrate_limit: off\n`, dedupWindowMs: 0 });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('25 holds in a moment all reach PHLO and nobody is refused', async () => {
    const members = await holds(h, USERS.alice, 25);
    for (const member of members) await h.waitForReply((c) => messageText(c).includes(member));
    expect(h.slack.callsTo('chat.postEphemeral').filter(isRefusal)).toHaveLength(0);
    expect(await h.app.store.actions.byUser({ teamId: TEAM, userId: USERS.alice, limit: 50 })).toHaveLength(25);
  });
});

describe('approvals', () => {
  let h: Harness;
  // Agents may hang up with a supervisor's OK; two actions a minute, so the limit is reached quickly.
  const yaml = `${CONFIG_YAML.replace(
    'agent: [status, history, call, transfer, hold, unhold, resume, abort, voicemail]',
    'agent: [status, history, call, transfer, hold, unhold, hangup, resume, abort, voicemail]',
  )}
approvals:
  hangup: [supervisor]
rate_limit: { actions_per_minute: 2 }
`;

  beforeAll(async () => {
    h = await startHarness({ configYaml: yaml, dedupWindowMs: 0 });
  });
  afterAll(async () => {
    await h.stop();
  });

  it("a request for approval is not counted, and the approver's OK runs it even when the requester is at the limit", async () => {
    // Bob dials the member (one of his two), Alice asks to hang up (not counted) and then uses both of hers.
    const member = freshMember();
    await h.command(`call ${member}`, { user: USERS.bob });
    await h.waitForReply((c) => messageText(c).includes(member));
    await h.command(`hangup ${member}`);
    const posted = await h.waitForReply((c) => messageText(c).includes(`asks to hang up \`${member}\``));
    await holds(h, USERS.alice, 2);
    await h.command(`hold ${freshMember()}`);
    await h.waitForEphemeral(USERS.alice, isRefusal);

    const approve = buttonsOf(posted).find((b) => b.label === 'Approve');
    if (approve === undefined) throw new Error('no Approve button');
    await h.click({ user: USERS.bob, actionId: approve.actionId, value: approve.value, messageTs: String(posted.response?.ts), threadTs: String(posted.args.thread_ts) });
    await h.waitForReply((c) => messageText(c).includes(`approved by <@${USERS.bob}>`));
    expect(holdsOf(h, member).filter((r) => r.method === 'POST')).toHaveLength(1);
    // Nor did it cost the approver: Bob still has his second action.
    await holds(h, USERS.bob, 1);
    expect(h.slack.callsTo('chat.postEphemeral').filter((c) => c.args.user === USERS.bob && isRefusal(c))).toHaveLength(0);
  });
});
