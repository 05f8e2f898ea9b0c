// What the app answers on /slack/events besides actions, and how it answers a burst: commands and clicks
// are acknowledged at once and handled in the order they came.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { postSigned, slashCommandPayload } from '../support/slackRequests.js';
import { CHANNEL, messageText, SIGNING_SECRET, startHarness, TEAM, USERS, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ metrics: true, dedupWindowMs: 0 });
});
afterAll(async () => {
  await h.stop();
});
beforeEach(() => {
  h.phlo.reset();
  h.slack.reset();
});

const events = (): string => `${h.baseUrl}/slack/events`;
const commandForm = (text: string, user: string): string =>
  new URLSearchParams(slashCommandPayload({ text, userId: user, channelId: CHANNEL, teamId: TEAM, responseUrl: h.slack.responseUrl() })).toString();

describe('requests Slack sends when an app is set up', () => {
  it("answers a signed URL verification with its challenge, as Slack's Events API setup asks", async () => {
    const res = await postSigned(events(), JSON.stringify({ type: 'url_verification', token: 'x', challenge: 'c-3vz9' }), SIGNING_SECRET, {
      contentType: 'application/json',
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(JSON.parse(res.body)).toEqual({ challenge: 'c-3vz9' });
  });

  it('answers a signed certificate check with an empty 200', async () => {
    const res = await postSigned(events(), new URLSearchParams({ ssl_check: '1', token: 'x' }).toString(), SIGNING_SECRET);
    expect(res).toMatchObject({ status: 200, body: '' });
  });
});

describe('a burst of commands', () => {
  it('acknowledges each with an empty 200, then answers every one', async () => {
    const users = [USERS.alice, USERS.bob, USERS.vic];
    const sent = Array.from({ length: 30 }, (_, i) => users[i % users.length] ?? USERS.alice);
    const acks = await Promise.all(sent.map((user) => postSigned(events(), commandForm('help', user), SIGNING_SECRET)));
    expect(acks.map((a) => `${a.status} ${a.body}`)).toEqual(sent.map(() => '200 '));
    await expect.poll(() => h.slack.callsTo('chat.postEphemeral').length, { timeout: 10_000 }).toBe(30);
    for (const user of users) {
      const answers = h.slack.callsTo('chat.postEphemeral').filter((c) => c.args.user === user);
      expect(answers).toHaveLength(sent.filter((u) => u === user).length);
      expect(answers.every((c) => messageText(c).includes('/phlo'))).toBe(true);
    }
  });

  it('shows how many answered requests wait to be handled, and are being handled, in /metrics', async () => {
    const text = await (await fetch(`${String(h.metricsUrl)}/metrics`)).text();
    expect(text).toMatch(/^slack_requests_after_ack_waiting 0$/m);
    expect(text).toMatch(/^slack_requests_after_ack_running 0$/m);
  });

  it("shows the size of SQLite's write-ahead log at its last checkpoint in /metrics", async () => {
    // Each signed request's signature was written (replays are refused): the log holds those pages.
    const walPages = async (): Promise<number> => {
      const text = await (await fetch(`${String(h.metricsUrl)}/metrics`)).text();
      return Number(/^phlo_bot_sqlite_wal_pages (\d+)$/m.exec(text)?.[1] ?? -1);
    };
    await expect.poll(walPages, { timeout: 5_000, interval: 100 }).toBeGreaterThan(0);
  });
});
