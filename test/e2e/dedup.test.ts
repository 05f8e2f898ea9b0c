/**
 * Deduplication: the same action on the same member with the same parameters, while one is in
 * flight or within the window after it, is not sent to PHLO again, and the user is pointed at the first
 * result. On SQLite and PostgreSQL, within one app and across two apps sharing the database.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabases } from '../store/databases.js';
import type { SlackCall } from '../support/fakeSlack.js';
import { sleep } from '../support/wait.js';
import { buttonsOf, CHANNEL, messageText, startHarness, TEAM, USERS, type Harness } from './harness.js';

const databases = await createTestDatabases();
afterAll(async () => {
  await Promise.all(databases.map((d) => d.drop()));
});

const DUPLICATE = 'That exact action was just sent, so it was not sent to PHLO again.';

describe.each(databases)('deduplication on $name', (database) => {
  let a: Harness;
  let b: Harness;
  let memberSeq = 0;
  /** A member of its own for each test: the dedup key is the action, node, member and parameters. */
  const freshMember = (): string => `+1415556${database.name === 'sqlite' ? 1 : 2}${String(++memberSeq).padStart(3, '0')}`;

  beforeAll(async () => {
    a = await startHarness({ databaseUrl: database.url });
    // A second app on the same database, the same Slack and the same PHLO: another instance.
    b = await startHarness({ databaseUrl: database.url, shareWith: a });
  });
  afterAll(async () => {
    await b.stop();
    await a.stop();
  });
  beforeEach(() => {
    a.phlo.reset();
    a.slack.reset();
  });

  /** PHLO requests on one member (a call goes to the node, not the member). */
  const holdRequests = (member: string) => a.phlo.requests.filter((r) => r.path.endsWith(`/members/${member}`));
  const isHoldReply = (member: string) => (c: SlackCall) => messageText(c).includes(`put \`${member}\` on hold`);

  /** Adds `member` to the call and returns the thread and the Hold button of the reply. */
  async function callWithHoldButton(member: string) {
    await a.command(`call ${member}`);
    const reply = await a.waitForReply((c) => messageText(c).includes(member));
    const hold = buttonsOf(reply).find((btn) => btn.label.startsWith('Hold '));
    if (hold === undefined) throw new Error('no Hold button on the reply');
    return { threadTs: String(reply.args.thread_ts), messageTs: String(reply.response?.ts), hold };
  }

  it('a double click sends one request; the second click is told so and pointed at the first result', async () => {
    const member = freshMember();
    const { threadTs, messageTs, hold } = await callWithHoldButton(member);
    a.phlo.setLatency(300);
    const click = { actionId: hold.actionId, value: hold.value, messageTs, threadTs };
    const answers = await Promise.all([a.click(click), a.click(click)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);

    const duplicate = await a.waitForEphemeral(USERS.alice, (c) => messageText(c).includes(DUPLICATE));
    const permalink = `https://fake-team.slack.test/archives/${CHANNEL}/p${threadTs.replace('.', '')}`;
    expect(messageText(duplicate)).toContain(`See the first result: <${permalink}|in the call thread>.`);
    await a.waitForReply(isHoldReply(member));
    expect(holdRequests(member)).toHaveLength(1);
    expect(a.slack.callsTo('chat.postMessage').filter(isHoldReply(member))).toHaveLength(1);

    // Both attempts are on record: the one sent, and the duplicate naming it.
    const rows = (await a.app.store.actions.history({ teamId: TEAM, channelId: CHANNEL, member, limit: 10 })).filter(
      (r) => r.action === 'hold',
    );
    // The duplicate is on record, naming the one it repeated.
    expect(rows.map((r) => r.outcome).sort()).toEqual(['duplicate', 'ok']);
    const sent = rows.find((r) => r.outcome === 'ok');
    expect(rows.find((r) => r.outcome === 'duplicate')).toMatchObject({ duplicateOf: sent?.id, error: `duplicate of ${sent?.id}` });
  });

  it('just after the first completed the same command is still a duplicate; another member or action is not', async () => {
    const member = freshMember();
    const other = freshMember();
    await a.command(`call ${member}`);
    await a.waitForReply((c) => messageText(c).includes(member));
    await a.command(`hold ${member}`);
    await a.waitForReply(isHoldReply(member));
    a.slack.reset();

    await a.command(`hold ${member}`);
    await a.waitForEphemeral(USERS.alice, (c) => messageText(c).includes(DUPLICATE));
    await a.command(`hold ${other}`);
    await a.command(`unhold ${member}`);
    await a.waitForReply((c) => messageText(c).includes(`took \`${member}\` off hold`));
    await a.waitForReply((c) => messageText(c).includes(other));
    expect(holdRequests(member).map((r) => r.body)).toEqual([{ action: 'hold' }, { action: 'unhold' }]);
    expect(holdRequests(other)).toHaveLength(1);
  });

  it('two apps on one database: the same click on both at once reaches PHLO once, and both users get an answer', async () => {
    const member = freshMember();
    const { threadTs, messageTs, hold } = await callWithHoldButton(member);
    a.phlo.setLatency(300);
    const click = { actionId: hold.actionId, value: hold.value, messageTs, threadTs };
    await Promise.all([a.click({ ...click, user: USERS.alice }), b.click({ ...click, user: USERS.bob })]);

    const reply = await a.waitForReply(isHoldReply(member));
    const duplicate = await a.slack.waitForCall('chat.postEphemeral', (c) => messageText(c).includes(DUPLICATE));
    expect(holdRequests(member)).toHaveLength(1);
    // Whoever's click won gets the result in the thread; the other is told it was a duplicate.
    const winner = messageText(reply).includes(`<@${USERS.alice}>`) ? USERS.alice : USERS.bob;
    expect(duplicate.args.user).toBe(winner === USERS.alice ? USERS.bob : USERS.alice);
    expect(reply.args.thread_ts).toBe(threadTs);
  });

  it('once the window after the first result has passed, the same action is sent again', async () => {
    const short = await startHarness({ databaseUrl: database.url, shareWith: a, dedupWindowMs: 200 });
    try {
      const member = freshMember();
      await short.command(`call ${member}`);
      await a.waitForReply((c) => messageText(c).includes(member));
      await short.command(`hold ${member}`);
      await a.waitForReply(isHoldReply(member));
      await sleep(400);
      a.slack.reset();
      await short.command(`hold ${member}`);
      await a.waitForReply(isHoldReply(member));
      expect(holdRequests(member).map((r) => r.body)).toEqual([{ action: 'hold' }, { action: 'hold' }]);
    } finally {
      await short.stop();
    }
  });
});
