import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { anyOf } from '../support/matchers.js';
import { postSigned, slashCommandBody } from '../support/slackRequests.js';
import { AUTH_TOKEN, BOT_TOKEN, messageText, SIGNING_SECRET, startHarness, USERS, type Harness } from './harness.js';
import { waitForResult } from './results.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ dedupWindowMs: 0, phloTimeoutMs: 1000, metrics: true });
});
afterAll(async () => {
  await h.stop();
});
beforeEach(() => {
  h.phlo.reset();
  h.slack.reset();
});

describe('PHLO failures are said plainly in the call thread', () => {
  it.each([
    [{ status: 400, body: { api_id: 'a-400', error: 'to is not a valid number' } }, 'failed', 'PHLO refused the request (HTTP 400). PHLO said: “to is not a valid number”'],
    [{ status: 401, body: { api_id: 'a-401', error: 'Could not verify your access level for that URL.' } }, 'failed', "PHLO rejected phlo-bot's PHLO credentials (HTTP 401)"],
    [{ status: 404, body: {} }, 'failed', 'PHLO could not find the PHLO, node or member (HTTP 404)'],
    [{ status: 404, body: '' }, 'failed', 'PHLO could not find the PHLO, node or member (HTTP 404)'],
    [{ status: 500, body: { api_id: 'a-500', error: 'internal' } }, 'failed', 'PHLO had a server error (HTTP 500)'],
    [{ status: 503, body: 'Service Unavailable' }, 'failed', 'PHLO had a server error (HTTP 503)'],
    // A 2xx whose body is not JSON at all may not be PHLO's (a proxy's page): PHLO may or may not have acted.
    ['garbage' as const, 'unknown', "PHLO's reply could not be read (HTTP 200): it was not JSON"],
    ['reset' as const, 'unknown', 'The connection to PHLO broke after the request was sent'],
    ['hang' as const, 'unknown', 'PHLO did not answer within 1 s'],
  ])('%j → %s', async (fault, outcome, said) => {
    h.phlo.failNext(fault);
    const res = await h.command('call +14155551234');
    expect(res.status).toBe(200);
    // A PHLO that hangs for its whole timeout may get an on-its-way message first, then the result over it.
    const reply = await waitForResult(h);
    const text = messageText(reply);
    expect(text).toContain(said);
    expect(text).toContain(`outcome *${outcome}*`);
    if (outcome === 'unknown') expect(text).toContain('The outcome is unknown');
    // An action POST is never retried once it may have reached PHLO: a second dial would ring twice.
    expect(h.phlo.requests).toHaveLength(1);
  });

  it('a run whose flow fails still answers 201, and its message is shown as PHLO wrote it', async () => {
    await h.command('run survey x=1', { user: USERS.bob });
    const reply = await h.waitForReply();
    expect(messageText(reply)).toContain('PHLO says: Send SMS failed: invalid &lt;from&gt; number');
    expect(messageText(reply)).toContain('outcome *ok*');
  });
});

describe('Slack Web API trouble', () => {
  it('a 429 with Retry-After is waited out and the reply still lands', async () => {
    h.slack.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 1 });
    await h.command('call +14155558001');
    const reply = await h.waitForReply((c) => messageText(c).includes('+14155558001'));
    expect(reply.status).toBe(200);
    expect(h.slack.callsTo('chat.postMessage').map((c) => c.status)).toContain(429);
  });

  it('a Slack that keeps failing is given up on after bounded retries; the user still gets the result, and no “try again”', async () => {
    h.slack.failNext('chat.postMessage', { status: 500 }, 10);
    await h.command('call +14155558002');
    const answer = await h.waitForEphemeral(USERS.alice, (c) => messageText(c).includes('+14155558002'));
    expect(messageText(answer)).toContain('added `+14155558002` to the call');
    expect(messageText(answer)).toContain('do not repeat the action');
    // Slack failed, not the bot's membership of the channel nor the database: the note says so.
    expect(messageText(answer)).toContain("Slack did not take this message for the call's thread");
    expect(messageText(answer)).not.toContain('is the bot a member');
    // Harness: one retry. Slack's default client would keep trying for about half an hour.
    expect(h.slack.callsTo('chat.postMessage').filter((c) => c.status === 500)).toHaveLength(2);
    const recorded = await h.app.store.actions.history({ teamId: 'T0TEAM', channelId: 'C0SUPPORT', member: '+14155558002', limit: 1 });
    expect(recorded[0]?.outcome).toBe('ok');
  });

  it('a channel the bot is not in gets nothing; the user alone gets the result', async () => {
    h.slack.failNext('chat.postMessage', { error: 'not_in_channel' });
    await h.command('call +14155558003');
    const answer = await h.waitForEphemeral(USERS.alice, (c) => messageText(c).includes('+14155558003'));
    expect(messageText(answer)).toContain('/invite @phlo-bot');
    expect(messageText(answer)).toContain('outcome *ok*');
    expect(h.phlo.requests).toHaveLength(1);
  });

  it('a call card someone deleted does not stop the thread: the reply still lands', async () => {
    await h.command('call +14155558004', { user: USERS.bob });
    await h.waitForReply((c) => messageText(c).includes('+14155558004'));
    h.slack.failNext('chat.update', { error: 'message_not_found' });
    await h.command('hold +14155558004', { user: USERS.bob });
    await h.waitForReply((c) => messageText(c).includes('put `+14155558004` on hold'));
    await expect.poll(() => h.logs.some((l) => l.msg === 'could not update the call card')).toBe(true);
    expect(h.slack.callsTo('chat.postEphemeral')).toHaveLength(0);
  });

  it.each(['expired_trigger_id', 'exchanged_trigger_id'])('a form Slack refuses to open (%s) gets a sentence to act on, not an error id', async (slackError) => {
    h.slack.failNext('views.open', { error: slackError });
    await h.command('transfer');
    const answer = await h.waitForEphemeral(USERS.alice);
    expect(messageText(answer)).toContain('The form took too long to open');
    expect(messageText(answer)).toContain('Run the command again');
    expect(messageText(answer)).not.toContain('error id');
    expect(h.logs.some((l) => l.msg === 'unexpected error')).toBe(false);
  });

  it('an unexpected error shows the user an id that is in the log', async () => {
    h.slack.failNext('views.open', { error: 'internal_error' });
    await h.command('transfer');
    const answer = await h.waitForEphemeral(USERS.alice, (c) => messageText(c).includes('error id'));
    const errorId = /error id: `([0-9a-f]+)`/.exec(messageText(answer))?.[1];
    expect(errorId).toBeDefined();
    expect(h.logs.find((l) => l.msg === 'unexpected error' && l.errorId === errorId)).toBeDefined();
  });
});

describe('the ack comes first', () => {
  it('Slack gets its 200 while PHLO is still thinking; the result follows in the thread', async () => {
    h.phlo.failNext('hang');
    const res = await h.command('hold +14155551234', { user: USERS.bob });
    expect(res.status).toBe(200);
    // PHLO has the request and hasn't answered: nothing has been posted to the thread yet.
    await expect.poll(() => h.phlo.requests.length).toBe(1);
    expect(h.slack.callsTo('chat.postMessage').filter((c) => c.args.thread_ts !== undefined)).toHaveLength(0);
    const reply = await waitForResult(h);
    expect(messageText(reply)).toContain('The outcome is unknown');
  });
});

describe('nothing a user types breaks the app', () => {
  it.each([
    ['a very long text', `call ${'9'.repeat(20_000)}`],
    ['control characters and emoji', 'hold \u0000\u0007 📞 +1415'],
    ['an unterminated quote', 'run support note="oops'],
    ['only flags', '--phlo --node --from'],
    ['Slack markup everywhere', '<@U0BOB> <#C0SUPPORT|support> <!here> <https://x.test|y>'],
    ['a prototype key', 'status constructor'],
  ])('%s: 200 to Slack, an answer to the user, nothing to PHLO', async (_what, text) => {
    const res = await h.command(text, { user: USERS.bob });
    expect(res.status).toBe(200);
    const answer = await h.waitForEphemeral(USERS.bob);
    expect(messageText(answer)).not.toMatch(/<!here>|<@U0BOB>/);
    expect(h.phlo.requests).toHaveLength(0);
  });
});

describe('request signatures', () => {
  it.each([
    ['a forged signature', { signature: 'v0=0000000000000000000000000000000000000000000000000000000000000000' }],
    ['a stale timestamp', { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 }],
    ['the wrong secret', { secret: 'not-the-secret' }],
  ])('%s gets a 401 and nothing is sent', async (_what, options) => {
    const body = slashCommandBody({ text: 'call +14155551234', userId: USERS.alice, channelId: 'C0SUPPORT', teamId: 'T0TEAM' });
    const { secret, ...rest } = { secret: SIGNING_SECRET, ...options };
    const res = await postSigned(`${h.baseUrl}/slack/events`, body, secret, rest);
    expect(res.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.phlo.requests).toHaveLength(0);
    // (A card update from the previous test may still land; nothing new may be posted.)
    expect(h.slack.calls.filter((c) => c.method === 'chat.postMessage' || c.method === 'chat.postEphemeral')).toHaveLength(0);
  });
});

describe('logs', () => {
  it('one JSON line per action with user, action, PHLO, node, member, outcome and latency; no secret anywhere', async () => {
    await h.command('call +14155557777');
    await h.waitForReply();
    await h.command('hold +14155557777', { user: USERS.bob });
    await h.waitForReply((c) => messageText(c).includes('on hold'));
    // A rejected credential is logged too, without the credential.
    h.phlo.failNext({ status: 401, body: { api_id: 'x', error: 'Could not verify your access level' } });
    await h.command('unhold +14155557777', { user: USERS.bob });
    await h.waitForReply((c) => messageText(c).includes('HTTP 401'));
    const line = h.logs.find((l) => l.msg === 'action' && l.action === 'hold' && l.member === '+14155557777');
    expect(line).toMatchObject({ user: USERS.bob, phlo: anyOf(String), node: anyOf(String), outcome: 'ok' });
    expect(typeof line?.latencyMs).toBe('number');
    const all = h.rawLogs.join('\n');
    for (const secret of [BOT_TOKEN, SIGNING_SECRET, AUTH_TOKEN, Buffer.from(`MATESTAUTHID0000000:${AUTH_TOKEN}`).toString('base64')]) {
      expect(all).not.toContain(secret);
    }
    expect(all).not.toMatch(/Basic [A-Za-z0-9+/=]{8,}/);
    expect(all).not.toMatch(/Bearer xox/);
  });
});

describe('health and metrics', () => {
  it('GET /healthz answers 200 while the store is reachable', async () => {
    const res = await fetch(`${h.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('GET /metrics on the metrics port serves PHLO requests, latencies, ack latency and actions', async () => {
    await h.command('call +14155556666');
    await h.waitForReply();
    const text = await (await fetch(`${h.metricsUrl}/metrics`)).text();
    expect(text).toMatch(/phlo_requests_total\{operation="call",status="201"\} \d+/);
    expect(text).toContain('phlo_request_duration_seconds_bucket');
    expect(text).toMatch(/slack_ack_duration_seconds_count\{kind="command"\} \d+/);
    expect(text).toMatch(/phlo_bot_actions_total\{verb="call",outcome="ok"\} \d+/);
  });
});
