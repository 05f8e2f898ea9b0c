/**
 * Approvals (four eyes): an agent's hang-up waits for a supervisor's OK in the call's thread; the
 * decision is authorized on every click, taken once whoever clicks (on one instance or two sharing
 * the database), and a request nobody decides expires, also across a restart. On SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, createTestDatabases } from '../store/databases.js';
import type { SlackCall } from '../support/fakeSlack.js';
import { encodeModalMetadata } from '../../src/views/modals/index.js';
import { MODAL_ACTION_IDS, MODAL_BLOCK_IDS, MODAL_CALLBACK_IDS } from '../../src/views/ids.js';
import { blockActionsPayload, eventCallbackPayload, interactiveBody, postSigned, viewSubmissionBody } from '../support/slackRequests.js';
import { buttonsOf, CHANNEL, CONFIG_YAML, LEADS_GROUP, messageText, NODE_ID, PHLO_ID, SALES_PHLO_ID, SIGNING_SECRET, startHarness, TEAM, USERS, type Harness } from './harness.js';

const databases = await createTestDatabases();
afterAll(async () => {
  await Promise.all(databases.map((d) => d.drop()));
});

// Agents may hang up, but only with a supervisor's OK; lee is a supervisor through the leads group.
const APPROVALS_YAML = `${CONFIG_YAML.replace(
  'agent: [status, history, call, transfer, hold, unhold, resume, abort, voicemail]',
  'agent: [status, history, call, transfer, hold, unhold, hangup, resume, abort, voicemail, run]',
)}
approvals:
  hangup: [supervisor]
  run: [supervisor]
approval_timeout_minutes: 15
`;
const MINUTE = 60_000;

/** A clock the test moves; it starts at the real time so Slack's and PHLO's stand-ins agree with it. */
function movableClock() {
  let offsetMs = 0;
  return { now: () => new Date(Date.now() + offsetMs), advance: (ms: number) => { offsetMs += ms; } };
}

/** The confirm dialog of the button whose label starts with `label`, as Slack would show it. */
function confirmOf(call: SlackCall, label: string): { title: string; text: string; confirm: string } | undefined {
  type Confirm = { title: { text: string }; text: { text: string }; confirm: { text: string } };
  const blocks = (call.args.blocks ?? []) as { type: string; elements?: { text?: { text: string }; confirm?: Confirm }[] }[];
  const button = blocks.flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : [])).find((e) => e.text?.text.startsWith(label) === true);
  if (button === undefined) throw new Error(`no ${label} button`);
  const c = button.confirm;
  return c === undefined ? undefined : { title: c.title.text, text: c.text.text, confirm: c.confirm.text };
}

function approveOf(posted: SlackCall) {
  const approve = buttonsOf(posted).find((btn) => btn.label === 'Approve');
  if (approve === undefined) throw new Error('no Approve button');
  return { actionId: approve.actionId, value: approve.value, messageTs: String(posted.response?.ts), threadTs: String(posted.args.thread_ts) };
}

describe.each(databases)('approvals on $name', (database) => {
  let a: Harness;
  let b: Harness;
  const clock = movableClock();
  let memberSeq = 0;
  const freshMember = (): string => `+1415557${database.name === 'sqlite' ? 1 : 2}${String(++memberSeq).padStart(3, '0')}`;

  beforeAll(async () => {
    a = await startHarness({ databaseUrl: database.url, configYaml: APPROVALS_YAML, now: clock.now, approvalSweepMs: 50, metrics: true });
    // A second instance on the same database, Slack and PHLO.
    b = await startHarness({ databaseUrl: database.url, configYaml: APPROVALS_YAML, shareWith: a, now: clock.now, approvalSweepMs: 50 });
  });
  afterAll(async () => {
    await b.stop();
    await a.stop();
  });
  beforeEach(() => {
    a.phlo.reset();
    a.slack.reset();
  });

  const phloRequestsOn = (member: string) => a.phlo.requests.filter((r) => r.path.endsWith(`/members/${member}`));
  const isRequestFor = (member: string) => (c: SlackCall) => messageText(c).includes(`asks to hang up \`${member}\``);
  const rowsOf = async (member: string) =>
    (await a.app.store.actions.history({ teamId: TEAM, channelId: CHANNEL, member, limit: 20 })).filter((r) => r.action === 'hangup');

  /** Puts `member` on the call (PHLO knows no member it never dialled). */
  async function onTheCall(member: string) {
    await a.command(`call ${member}`);
    return a.waitForReply((c) => messageText(c).includes(`\`${member}\``));
  }

  /** Alice (an agent) asks to hang up `member`; returns the request's message and its buttons. */
  async function agentAsks(member: string, reason = 'abusive caller') {
    await onTheCall(member);
    const answer = await a.command(`hangup ${member} --reason "${reason}"`);
    expect(answer.status).toBe(200);
    const posted = await a.waitForReply(isRequestFor(member));
    // Told last, once the request and its message are on record.
    await a.waitForEphemeral(USERS.alice, (c) => messageText(c).includes(`request to hang up \`${member}\` needs approval`));
    const buttons = buttonsOf(posted);
    const approve = buttons.find((btn) => btn.label === 'Approve');
    const reject = buttons.find((btn) => btn.label === 'Reject');
    if (approve === undefined || reject === undefined) throw new Error('the request has no Approve/Reject buttons');
    const at = { messageTs: String(posted.response?.ts), threadTs: String(posted.args.thread_ts) };
    return { posted, approve: { ...at, actionId: approve.actionId, value: approve.value }, reject: { ...at, actionId: reject.actionId, value: reject.value } };
  }

  it("an agent's hang-up sends nothing to PHLO: the request is posted with its reason and the agent is told it waits", async () => {
    const member = freshMember();
    const { posted } = await agentAsks(member);
    expect(messageText(posted)).toContain(`<@${USERS.alice}> asks to hang up \`${member}\` — abusive caller`);
    const waiting = await a.waitForEphemeral(USERS.alice, (c) => messageText(c).includes('needs approval'));
    expect(messageText(waiting)).toContain('nothing has been sent to PHLO yet');
    expect(phloRequestsOn(member)).toHaveLength(0);
    expect(await rowsOf(member)).toEqual([expect.objectContaining({ outcome: 'awaiting_approval', userId: USERS.alice, reason: 'abusive caller' })]);
  });

  it('the request mentions the approvers (the supervisors’ user group and the supervisors by name), not the requester', async () => {
    const member = freshMember();
    const { posted } = await agentAsks(member);
    expect(messageText(posted)).toContain(`:bell: Asking <!subteam^${LEADS_GROUP}>, <@${USERS.bob}>: a supervisor may approve or reject.`);
    expect(messageText(posted)).not.toContain(`Asking <@${USERS.alice}>`);
    // Once decided, the message no longer asks anyone.
    await a.click({ ...approveOf(posted), user: USERS.bob });
    const updated = await a.slack.waitForCall('chat.update', (c) => c.args.ts === posted.response?.ts);
    expect(messageText(updated)).not.toContain('Asking');
  });

  it('each supervisor configured by name gets a direct message with a link to the request; the requester does not', async () => {
    const member = freshMember();
    const { posted } = await agentAsks(member, 'threatening');
    const dm = await a.slack.waitForCall('chat.postMessage', (c) => c.args.channel === USERS.bob && messageText(c).includes(`\`${member}\``));
    expect(messageText(dm)).toContain(`<@${USERS.alice}> asks to hang up \`${member}\``);
    expect(messageText(dm)).toContain('“threatening”');
    expect(messageText(dm)).toMatch(/Approve or reject it in <[^|>]+\|the call's thread>/);
    expect(messageText(dm)).toContain(String(posted.response?.ts).replace('.', ''));
    expect(a.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === USERS.alice && messageText(c).includes(`\`${member}\``))).toEqual([]);
  });

  it("the call's card lists a request while it waits, and stops once it is decided", async () => {
    const member = freshMember();
    const { posted, reject } = await agentAsks(member);
    const cardTs = String(posted.args.thread_ts);
    const line = `<@${USERS.alice}> asks to hang up \`${member}\``;
    const listing = await a.slack.waitForCall('chat.update', (c) => c.args.ts === cardTs && messageText(c).includes(line));
    expect(messageText(listing)).toMatch(/requests? waits? for approval/);
    await a.click({ ...reject, user: USERS.bob });
    await expect
      .poll(() => {
        const last = a.slack.callsTo('chat.update').filter((c) => c.args.ts === cardTs).at(-1);
        return last === undefined ? '' : messageText(last);
      }, { timeout: 10_000 })
      .not.toContain(line);
  });

  it('Hang up on the card and in replies says, before anything is sent, that it may need a supervisor’s approval', async () => {
    const member = freshMember();
    const reply = await onTheCall(member);
    const confirm = confirmOf(reply, 'Hang up');
    expect(confirm).toEqual({
      title: 'Hang up?',
      text: `Disconnect \`${member}\` from the call?\nIf you are not a supervisor, this needs a supervisor's approval: one is asked in the call's thread, and nothing reaches the call until they approve.`,
      confirm: 'Hang up',
    });
    // Hold is not gated: it asks nothing.
    expect(confirmOf(reply, 'Hold')).toBeUndefined();
  });

  it("the requester's and a viewer's Approve change nothing", async () => {
    const member = freshMember();
    const { approve } = await agentAsks(member);
    await a.click({ ...approve, user: USERS.alice });
    const own = await a.waitForEphemeral(USERS.alice, (c) => messageText(c).includes('someone else has to approve'));
    expect(messageText(own)).toContain('Nothing changed');
    await a.click({ ...approve, user: USERS.vic });
    const viewer = await a.waitForEphemeral(USERS.vic, (c) => messageText(c).includes('can approve or reject'));
    expect(messageText(viewer)).toContain('Only `supervisor`');
    expect(phloRequestsOn(member)).toHaveLength(0);
    expect(a.slack.callsTo('chat.update').filter((c) => c.args.ts === approve.messageTs)).toHaveLength(0);
    const rows = await rowsOf(member);
    expect(rows).toEqual([expect.objectContaining({ outcome: 'awaiting_approval' })]);
    // Both refusals are on record.
    const refusals = (await a.app.store.actions.history({ teamId: TEAM, channelId: CHANNEL, member, limit: 20 })).filter((r) => r.action === 'approve');
    expect(refusals.map((r) => [r.userId, r.outcome]).sort()).toEqual([[USERS.alice, 'denied'], [USERS.vic, 'denied']]);
  });

  it.each([
    ['on one instance', () => [a, a] as const],
    ['on two instances sharing the database', () => [a, b] as const],
  ])('two supervisors approving at once %s reach PHLO once; the later is told who decided first', async (_where, apps) => {
    const [first, second] = apps();
    const member = freshMember();
    const { approve } = await agentAsks(member);
    a.phlo.setLatency(200);
    await Promise.all([first.click({ ...approve, user: USERS.bob }), second.click({ ...approve, user: USERS.lee })]);

    const result = await a.waitForReply((c) => messageText(c).includes(`hung up \`${member}\``));
    expect(messageText(result)).toContain(`<@${USERS.alice}> hung up`);
    const late = await a.slack.waitForCall('chat.postEphemeral', (c) => messageText(c).includes('your click changed nothing'));
    const winner = late.args.user === USERS.bob ? USERS.lee : USERS.bob;
    expect(messageText(late)).toContain(`<@${winner}> already approved the request to hang up \`${member}\``);
    expect(messageText(result)).toContain(`approved by <@${winner}>`);
    expect(phloRequestsOn(member).map((r) => r.body)).toEqual([{ action: 'hangup' }]);

    const updated = await a.slack.waitForCall('chat.update', (c) => c.args.ts === approve.messageTs);
    expect(messageText(updated)).toContain(`Approved by <@${winner}>`);
    expect(buttonsOf(updated)).toEqual([]);
    const rows = await rowsOf(member);
    expect(rows.find((r) => r.outcome === 'approved')).toMatchObject({ userId: USERS.alice, decidedBy: winner });
    expect(rows.find((r) => r.outcome === 'ok')).toMatchObject({ userId: USERS.alice, approvedBy: winner });
  });

  it('Reject sends nothing to PHLO, tells the requester and is in the history', async () => {
    const member = freshMember();
    const { reject, approve } = await agentAsks(member);
    await a.click({ ...reject, user: USERS.bob });
    const told = await a.waitForEphemeral(USERS.alice, (c) => messageText(c).includes('rejected your request'));
    expect(messageText(told)).toContain(`<@${USERS.bob}> rejected your request to hang up \`${member}\``);
    const updated = await a.slack.waitForCall('chat.update', (c) => c.args.ts === reject.messageTs);
    expect(messageText(updated)).toContain(`Rejected by <@${USERS.bob}>`);
    // A late Approve changes nothing.
    await a.click({ ...approve, user: USERS.lee });
    await a.waitForEphemeral(USERS.lee, (c) => messageText(c).includes(`<@${USERS.bob}> already rejected`));
    expect(phloRequestsOn(member)).toHaveLength(0);
    expect(await rowsOf(member)).toEqual([expect.objectContaining({ outcome: 'rejected', userId: USERS.alice, decidedBy: USERS.bob })]);

    await a.command(`history --member ${member}`, { user: USERS.bob });
    const history = await a.slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === undefined && messageText(c).includes('Hang up'));
    expect(messageText(history)).toContain(`<@${USERS.alice}> · *Hang up* \`${member}\` · :no_entry_sign: requested, rejected · rejected by <@${USERS.bob}> · “abusive caller”`);
  });

  it("App Home shows an approver what waits for them, with the same buttons; the requester's Home does not", async () => {
    const member = freshMember();
    await agentAsks(member, 'shouting at the agent');
    const openHome = (user: string) =>
      postSigned(
        `${a.baseUrl}/slack/events`,
        JSON.stringify(eventCallbackPayload({ type: 'app_home_opened', user, channel: `D0${user}`, tab: 'home' }, { teamId: TEAM })),
        SIGNING_SECRET,
        { contentType: 'application/json' },
      );
    await openHome(USERS.bob);
    const home = await a.slack.waitForCall('views.publish', (c) => c.args.user_id === USERS.bob);
    const view = home.args.view as { blocks: unknown[] };
    const shown = { method: 'views.publish', args: { blocks: view.blocks }, at: 0 };
    expect(messageText(shown)).toMatch(/Waiting for your approval\* \(\d+\)/);
    expect(messageText(shown)).toContain(`<@${USERS.alice}> asks to hang up \`${member}\` — shouting at the agent`);
    const approve = buttonsOf(shown).find((btn) => btn.label === 'Approve' && btn.value.includes(member));
    if (approve === undefined) throw new Error('no Approve button for the request on App Home');

    await openHome(USERS.alice);
    const own = await a.slack.waitForCall('views.publish', (c) => c.args.user_id === USERS.alice);
    expect(messageText({ method: 'views.publish', args: { blocks: (own.args.view as { blocks: unknown[] }).blocks }, at: 0 })).not.toContain('Waiting for your approval');

    // A click on App Home: a view, not a message in a channel.
    const clickOnHome = async (user: string): Promise<void> => {
      const payload = blockActionsPayload({ userId: user, teamId: TEAM, messageTs: '0', actionId: approve.actionId, value: approve.value });
      delete payload.message;
      delete payload.channel;
      payload.container = { type: 'view', view_id: 'V0HOME' };
      await postSigned(`${a.baseUrl}/slack/events`, interactiveBody(payload), SIGNING_SECRET);
    };
    await clickOnHome(USERS.bob);
    await a.waitForReply((c) => messageText(c).includes(`hung up \`${member}\``));
    expect(phloRequestsOn(member)).toHaveLength(1);
    // A second click from the now stale Home tab changes nothing; the answer goes to the app's messages.
    await clickOnHome(USERS.lee);
    const late = await a.slack.waitForCall('chat.postMessage', (c) => c.args.channel === USERS.lee);
    expect(messageText(late)).toContain(`<@${USERS.bob}> already approved`);
    expect(phloRequestsOn(member)).toHaveLength(1);
    // A refused click on App Home (a viewer's) is answered in the app's messages too, not lost.
    await clickOnHome(USERS.vic);
    const refused = await a.slack.waitForCall('chat.postMessage', (c) => c.args.channel === USERS.vic);
    expect(messageText(refused)).toContain('can approve or reject this request');
  });

  it('/metrics counts requests by outcome and the time to a decision', async () => {
    const scrape = async (): Promise<string> => (await fetch(`${a.metricsUrl ?? ''}/metrics`)).text();
    const value = (text: string, series: string): number => Number(new RegExp(`^${series.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
    const requested = 'phlo_bot_approval_requests_total{verb="hangup",outcome="requested"}';
    const rejected = 'phlo_bot_approval_requests_total{verb="hangup",outcome="rejected"}';
    const decided = 'phlo_bot_approval_decision_seconds_count{verb="hangup",outcome="rejected"}';
    const before = await scrape();
    const member = freshMember();
    const { reject } = await agentAsks(member);
    await a.click({ ...reject, user: USERS.bob });
    await a.waitForEphemeral(USERS.alice, (c) => messageText(c).includes('rejected your request'));
    const after = await scrape();
    expect(value(after, requested) - value(before, requested)).toBe(1);
    expect(value(after, rejected) - value(before, rejected)).toBe(1);
    expect(value(after, decided) - value(before, decided)).toBe(1);
    expect(after).toContain('phlo_bot_approval_decision_seconds_bucket{le="5",verb="hangup",outcome="rejected"}');
  });

  it('the member form asks for a reason, and its request carries it', async () => {
    const member = freshMember();
    await onTheCall(member);
    await a.command('hangup');
    const opened = await a.slack.waitForCall('views.open');
    expect(JSON.stringify(opened.args.view)).toContain(MODAL_BLOCK_IDS.reason);
    const B = MODAL_BLOCK_IDS;
    const A = MODAL_ACTION_IDS;
    await postSigned(
      `${a.baseUrl}/slack/events`,
      viewSubmissionBody({
        userId: USERS.alice,
        teamId: TEAM,
        callbackId: MODAL_CALLBACK_IDS.member,
        privateMetadata: encodeModalMetadata({ channelId: CHANNEL }),
        values: {
          [B.phlo]: { [A.phlo]: { type: 'static_select', selected_option: { value: PHLO_ID } } },
          [B.node]: { [A.node]: { type: 'static_select', selected_option: { value: `${PHLO_ID}/${NODE_ID}` } } },
          [B.member]: { [A.member]: { type: 'plain_text_input', value: member } },
          [B.memberAction]: { [A.memberAction]: { type: 'radio_buttons', selected_option: { value: 'hangup' } } },
          [B.reason]: { [A.reason]: { type: 'plain_text_input', value: 'wrong number, keeps calling' } },
        },
      }),
      SIGNING_SECRET,
    );
    const posted = await a.waitForReply(isRequestFor(member));
    expect(messageText(posted)).toContain('— wrong number, keeps calling');
    expect(phloRequestsOn(member)).toHaveLength(0);
  });

  it("an agent's run waits in the PHLO's thread; once approved it runs once, with exactly the parameters asked", async () => {
    const note = `promo-${database.name}-${String(++memberSeq)}`;
    await a.command(`run sales to=+14155550123 note=${note} --reason "end of quarter promo"`);
    const posted = await a.waitForReply((c) => messageText(c).includes('asks to run the PHLO — end of quarter promo'));
    await a.waitForEphemeral(USERS.alice, (c) => messageText(c).includes('request to run the PHLO needs approval'));
    const runs = () => a.phlo.requests.filter((r) => r.method === 'POST' && r.path.includes(SALES_PHLO_ID) && JSON.stringify(r.body).includes(note));
    expect(runs()).toHaveLength(0);
    const approve = buttonsOf(posted).find((btn) => btn.label === 'Approve');
    if (approve === undefined) throw new Error('no Approve button');
    await a.click({ actionId: approve.actionId, value: approve.value, messageTs: String(posted.response?.ts), threadTs: String(posted.args.thread_ts), user: USERS.bob });
    const result = await a.waitForReply((c) => messageText(c).includes('ran the PHLO') && c.args.thread_ts === posted.args.thread_ts);
    expect(messageText(result)).toContain(`approved by <@${USERS.bob}>`);
    expect(runs().map((r) => r.body)).toEqual([{ to: '+14155550123', note }]);
  });

  it('a supervisor hangs up directly', async () => {
    const member = freshMember();
    await onTheCall(member);
    await a.command(`hangup ${member}`, { user: USERS.bob });
    await a.waitForReply((c) => messageText(c).includes(`hung up \`${member}\``));
    expect(phloRequestsOn(member)).toHaveLength(1);
    expect(await rowsOf(member)).toEqual([expect.objectContaining({ outcome: 'ok', userId: USERS.bob })]);
  });

  it("an agent's click on a card's Hang up becomes a request", async () => {
    const member = freshMember();
    const reply = await onTheCall(member);
    // The card as it stands once it lists the member: updated, or posted by this call.
    const listsMember = (c: SlackCall) =>
      (c.args.ts === reply.args.thread_ts || c.response?.ts === reply.args.thread_ts) && buttonsOf(c).some((btn) => btn.value.includes(member));
    const card = await Promise.any([a.slack.waitForCall('chat.update', listsMember), a.slack.waitForCall('chat.postMessage', listsMember)]);
    const hangup = buttonsOf(card).find((btn) => btn.label.startsWith('Hang up') && btn.value.includes(member.slice(1)));
    if (hangup === undefined) throw new Error(`no Hang up button for the member: ${JSON.stringify(buttonsOf(card))}`);
    await a.click({ actionId: hangup.actionId, value: hangup.value, messageTs: String(reply.args.thread_ts) });
    const posted = await a.waitForReply(isRequestFor(member));
    expect(messageText(posted)).toContain('no reason given');
    expect(phloRequestsOn(member)).toHaveLength(0);
  });

  it("a forged button value (another request's id, another member) is refused", async () => {
    const member = freshMember();
    const other = freshMember();
    const mine = await agentAsks(member);
    const theirs = await agentAsks(other);
    // The other request's value on this request's message.
    await a.click({ ...mine.approve, value: theirs.approve.value, user: USERS.bob });
    await a.waitForEphemeral(USERS.bob, (c) => messageText(c).includes('is not valid any more'));
    a.slack.reset();
    // This request's id, claiming another member.
    const forged = JSON.stringify({ ...(JSON.parse(mine.approve.value) as Record<string, unknown>), m: other });
    await a.click({ ...mine.approve, value: forged, user: USERS.bob });
    await a.waitForEphemeral(USERS.bob, (c) => messageText(c).includes('is not valid any more'));
    expect(phloRequestsOn(member)).toHaveLength(0);
    expect(phloRequestsOn(other)).toHaveLength(0);
    expect((await rowsOf(member)).map((r) => r.outcome)).toEqual(['awaiting_approval']);
    expect((await rowsOf(other)).map((r) => r.outcome)).toEqual(['awaiting_approval']);
  });

  it('no decision within the timeout: expired once, the message loses its buttons, the requester is told', async () => {
    const member = freshMember();
    const { approve } = await agentAsks(member);
    clock.advance(16 * MINUTE);
    const updated = await a.slack.waitForCall('chat.update', (c) => c.args.ts === approve.messageTs);
    expect(messageText(updated)).toContain('Expired');
    expect(buttonsOf(updated)).toEqual([]);
    await a.waitForEphemeral(USERS.alice, (c) => messageText(c).includes(`Your request to hang up \`${member}\` expired`));
    await a.click({ ...approve, user: USERS.bob });
    await a.waitForEphemeral(USERS.bob, (c) => messageText(c).includes('expired') && messageText(c).includes('your click changed nothing'));
    expect(phloRequestsOn(member)).toHaveLength(0);
    expect(await rowsOf(member)).toEqual([expect.objectContaining({ outcome: 'expired' })]);
    // Two instances sweep; each request is expired (and announced) once.
    expect(a.slack.callsTo('chat.update').filter((c) => c.args.ts === approve.messageTs)).toHaveLength(1);
  });

  it.each([
    [
      "the requester lost the permission meanwhile",
      `${CONFIG_YAML}\napprovals:\n  hangup: [supervisor]\n`,
      'Approved, but',
      `<@${USERS.alice}> no longer has the \`hangup\` permission, so nothing was sent to PHLO`,
    ],
    ['the approval rule was removed meanwhile', CONFIG_YAML.replace(
      'agent: [status, history, call, transfer, hold, unhold, resume, abort, voicemail]',
      'agent: [status, history, call, transfer, hold, unhold, hangup, resume, abort, voicemail, run]',
    ), 'No role approves this any more', 'the rule was removed from the configuration'],
  ])('an Approve after %s sends nothing, and the approver is told why in words about the request', async (_case, yaml, start, detail) => {
    const member = freshMember();
    const { approve } = await agentAsks(member);
    // Another instance on the same database, started with the changed configuration.
    const changed = await startHarness({ databaseUrl: database.url, configYaml: yaml, shareWith: a, now: clock.now, approvalSweepMs: 3_600_000 });
    try {
      await changed.click({ ...approve, user: USERS.bob });
      const told = await a.waitForEphemeral(USERS.bob, (c) => messageText(c).includes(start));
      expect(messageText(told)).toContain(detail);
      expect(messageText(told)).not.toContain('Your role');
      expect(phloRequestsOn(member)).toHaveLength(0);
    } finally {
      await changed.stop();
    }
  });

  it('a request left waiting when the app stopped expires at the next start', async () => {
    const member = freshMember();
    const later = movableClock();
    // A database of its own (the other apps' clocks must not expire it) and an instance that sweeps
    // rarely, so only a start can expire the request.
    const own = await createTestDatabase(database.name);
    const first = await startHarness({ databaseUrl: own.url, configYaml: APPROVALS_YAML, shareWith: a, now: later.now, approvalSweepMs: 3_600_000 });
    await first.command(`hangup ${member}`);
    const posted = await a.waitForReply(isRequestFor(member));
    await first.stop();
    later.advance(16 * MINUTE);
    const restarted = await startHarness({ databaseUrl: own.url, configYaml: APPROVALS_YAML, shareWith: a, now: later.now, approvalSweepMs: 3_600_000 });
    try {
      const updated = await a.slack.waitForCall('chat.update', (c) => c.args.ts === posted.response?.ts);
      expect(messageText(updated)).toContain('Expired');
      await a.waitForEphemeral(USERS.alice, (c) => messageText(c).includes(`Your request to hang up \`${member}\` expired`));
      const rows = await restarted.app.store.actions.history({ teamId: TEAM, channelId: CHANNEL, member, limit: 5 });
      expect(rows).toEqual([expect.objectContaining({ outcome: 'expired' })]);
    } finally {
      await restarted.stop();
      await own.drop();
    }
  });
});
