import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../store/databases.js';
import { postSigned, slashCommandPayload } from '../support/slackRequests.js';
import { CHANNEL, messageText, SIGNING_SECRET, startHarness, TEAM, USERS, type Harness } from './harness.js';

const commandForm = (text: string, extra: Record<string, string> = {}, teamId = TEAM): string =>
  new URLSearchParams({
    ...slashCommandPayload({ text, userId: USERS.bob, channelId: CHANNEL, teamId }),
    ...extra,
  }).toString();

describe('requests from another workspace or organization', () => {
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

  it.each([
    ['another workspace', commandForm('hold +14155551234', {}, 'T0OTHER'), 'T0OTHER'],
    ['an empty team_id', commandForm('hold +14155551234', {}, ''), ''],
    ['our team, but another Enterprise Grid organization', commandForm('hold +14155551234', { enterprise_id: 'E0OTHERORG' }), TEAM],
  ])('%s: refused, recorded as denied, and PHLO never hears of it', async (_case, body, recordedTeam) => {
    const res = await postSigned(`${h.baseUrl}/slack/events`, body, SIGNING_SECRET);
    expect(res.status).toBe(200);
    expect(res.body).toContain('not set up for this Slack workspace');
    const rows = await h.app.store.actions.history({ teamId: recordedTeam, channelId: CHANNEL, limit: 1 });
    expect(rows[0]).toMatchObject({ outcome: 'denied', action: 'command', userId: USERS.bob });
    expect(rows[0]?.error).toContain('this app serves team T0TEAM');
    expect(h.phlo.requests).toHaveLength(0);
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('a signed click from another workspace is refused as well', async () => {
    await h.command('call +14155552001', { user: USERS.bob });
    const reply = await h.waitForReply((c) => messageText(c).includes('+14155552001'));
    h.phlo.reset();
    const payload = JSON.stringify({
      type: 'block_actions',
      team: { id: 'T0OTHER', domain: 'other' },
      user: { id: USERS.bob, team_id: 'T0OTHER' },
      channel: { id: CHANNEL },
      container: { type: 'message', channel_id: CHANNEL, message_ts: String(reply.response?.ts), thread_ts: String(reply.args.thread_ts) },
      message: { ts: String(reply.response?.ts), thread_ts: String(reply.args.thread_ts) },
      actions: [],
      trigger_id: '1.2.3',
      response_url: h.slack.responseUrl(),
    });
    const res = await postSigned(`${h.baseUrl}/slack/events`, new URLSearchParams({ payload }).toString(), SIGNING_SECRET);
    expect(res.status).toBe(200);
    const rows = await h.app.store.actions.history({ teamId: 'T0OTHER', channelId: CHANNEL, limit: 1 });
    expect(rows[0]).toMatchObject({ outcome: 'denied', action: 'button' });
    expect(h.phlo.requests).toHaveLength(0);
  });
});

// Slack accepts a signed request for five minutes; one captured and sent again in that time must not act twice.
describe.each(['sqlite', 'postgres'] as const)('a replayed signed request, on %s', (database) => {
  let db: TestDatabase;
  let h: Harness;
  let second: Harness;
  beforeAll(async () => {
    db = await createTestDatabase(database);
    // With deduplication off, only the replay check can stop the second delivery.
    h = await startHarness({ dedupWindowMs: 0, databaseUrl: db.url });
    second = await startHarness({ dedupWindowMs: 0, databaseUrl: db.url, shareWith: h });
  });
  afterAll(async () => {
    await second.stop();
    await h.stop();
    await db.drop();
  });

  it('is acked and not acted on again, on the same instance or another sharing the database', async () => {
    h.phlo.reset();
    const body = commandForm('call +14155552002');
    const timestamp = Math.floor(Date.now() / 1000);
    const first = await postSigned(`${h.baseUrl}/slack/events`, body, SIGNING_SECRET, { timestamp });
    expect(first.status).toBe(200);
    await h.waitForReply((c) => messageText(c).includes('+14155552002'));
    expect(h.phlo.requests).toHaveLength(1);

    for (const target of [h, second]) {
      const again = await postSigned(`${target.baseUrl}/slack/events`, body, SIGNING_SECRET, { timestamp });
      expect(again.status).toBe(200);
    }
    await expect.poll(() => [...h.logs, ...second.logs].filter((l) => l.msg === 'replayed Slack request ignored').length).toBe(2);
    expect(h.phlo.requests).toHaveLength(1);
    const rows = await h.app.store.actions.history({ teamId: TEAM, channelId: CHANNEL, member: '+14155552002', limit: 10 });
    expect(rows).toHaveLength(1);
  });
});
