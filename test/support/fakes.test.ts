// Self-tests: the fakes against the real @slack/web-api client, a real Bolt App in Socket Mode and a real
// Bolt HTTPReceiver, all over real HTTP / WebSocket on 127.0.0.1.
import { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from './fakeSlack.js';
import {
  blockActionsBody,
  newTriggerId,
  postSigned,
  sign,
  slashCommandBody,
  viewSubmissionBody,
  viewSubmissionPayload,
} from './slackRequests.js';
import { startSocketModeServer, type SocketModeServer } from './socketModeServer.js';
import { waitFor } from './wait.js';

const BOT_TOKEN = 'xoxb-test-token';
const quickRetries = { retries: 1, factor: 1, minTimeout: 10, maxTimeout: 50 };

let fake: FakeSlack;
beforeEach(async () => {
  fake = await startFakeSlack();
});
afterEach(async () => {
  await fake.close();
});

function client(options: { retries?: number; timeout?: number } = {}): WebClient {
  return new WebClient(BOT_TOKEN, {
    slackApiUrl: fake.apiUrl,
    retryConfig: options.retries === 0 ? { retries: 0 } : quickRetries,
    logLevel: LogLevel.ERROR,
    ...(options.timeout !== undefined ? { timeout: options.timeout } : {}),
  });
}

describe('fakeSlack with the real WebClient', () => {
  it('ends apiUrl in /api/ and answers auth.test', async () => {
    expect(fake.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
    const result = await client().auth.test();
    expect(result).toMatchObject({ ok: true, team_id: 'T0TEAM', user_id: 'U0BOT', bot_id: 'B0BOT' });
    expect(fake.callsTo('auth.test')[0]?.token).toBe(BOT_TOKEN);
  });

  it('records a postMessage with blocks decoded, then an update and a threaded permalink', async () => {
    const web = client();
    const blocks = [{ type: 'section', block_id: 'b1', text: { type: 'mrkdwn', text: 'hello *world*' } }];
    const posted = await web.chat.postMessage({ channel: 'C1', text: 'hello', blocks });
    expect(posted.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(posted.message?.blocks).toEqual(blocks);

    const call = await fake.waitForCall('chat.postMessage');
    expect(Array.isArray(call.args.blocks)).toBe(true);
    expect(call.args.blocks).toEqual(blocks);
    expect(call.response?.ts).toBe(posted.ts);

    const parentTs = posted.ts ?? '';
    const reply = await web.chat.postMessage({ channel: 'C1', text: 'reply', thread_ts: parentTs });
    expect(reply.message?.thread_ts).toBe(parentTs);
    expect(Number(reply.ts)).toBeGreaterThan(Number(parentTs));
    expect(fake.threadReplies('C1', parentTs).map((m) => m.ts)).toEqual([reply.ts]);

    const updated = await web.chat.update({ channel: 'C1', ts: parentTs, text: 'changed' });
    expect(updated).toMatchObject({ ok: true, channel: 'C1', ts: parentTs, text: 'changed' });
    expect(fake.message('C1', parentTs)).toMatchObject({ text: 'changed', updates: 1, blocks });

    const link = await web.chat.getPermalink({ channel: 'C1', message_ts: reply.ts ?? '' });
    expect(link.permalink).toBe(
      `https://fake-team.slack.test/archives/C1/p${(reply.ts ?? '').replace('.', '')}?thread_ts=${parentTs}&cid=C1`,
    );
  });

  it('rejects blocks real Slack would reject', async () => {
    const web = client();
    const button = { type: 'button' as const, text: { type: 'plain_text' as const, text: 'x'.repeat(76) }, action_id: 'a' };
    await expect(
      web.chat.postMessage({ channel: 'C1', text: 't', blocks: [{ type: 'actions', elements: [button] }] }),
    ).rejects.toMatchObject({ data: { error: 'invalid_blocks' } });
    const tooMany = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    await expect(web.chat.postMessage({ channel: 'C1', text: 't', blocks: tooMany })).rejects.toMatchObject({
      data: { error: 'invalid_blocks' },
    });
  });

  it('opens and updates views, and enforces trigger_id rules', async () => {
    const web = client();
    const view = {
      type: 'modal' as const,
      callback_id: 'transfer',
      external_id: 'ext-1',
      title: { type: 'plain_text' as const, text: 'Transfer' },
      submit: { type: 'plain_text' as const, text: 'Go' },
      blocks: [
        {
          type: 'input' as const,
          block_id: 'to',
          label: { type: 'plain_text' as const, text: 'To' },
          element: { type: 'plain_text_input' as const, action_id: 'to' },
        },
      ],
    };
    const triggerId = newTriggerId();
    const opened = await web.views.open({ trigger_id: triggerId, view });
    expect(opened.view?.id).toMatch(/^V/);
    expect(opened.view?.callback_id).toBe('transfer');
    await expect(web.views.open({ trigger_id: triggerId, view })).rejects.toMatchObject({
      data: { error: 'trigger_exchanged' },
    });

    const updated = await web.views.update({ external_id: 'ext-1', view: { ...view, callback_id: 'transfer2' } });
    expect(updated.view?.id).toBe(opened.view?.id);
    expect(fake.view('ext-1')?.callback_id).toBe('transfer2');
    await expect(web.views.update({ view_id: 'V_NOPE', view })).rejects.toMatchObject({ data: { error: 'not_found' } });
    await expect(
      web.views.open({ trigger_id: newTriggerId(), view: { ...view, title: { type: 'plain_text', text: 'x'.repeat(25) } } }),
    ).rejects.toMatchObject({ data: { error: 'invalid_arguments' } });

    const stale = `1.${Date.now() - 4000}.abcdef`;
    await expect(web.views.open({ trigger_id: stale, view })).rejects.toMatchObject({
      data: { error: 'expired_trigger_id' },
    });
  });

  it('answers usergroups.users.list for known groups and no_such_subteam otherwise', async () => {
    fake.setUserGroup('S0LEADS', ['U1', 'U2']);
    const web = client();
    const result = await web.usergroups.users.list({ usergroup: 'S0LEADS' });
    expect(result.users).toEqual(['U1', 'U2']);
    await expect(web.usergroups.users.list({ usergroup: 'S0NONE' })).rejects.toMatchObject({
      data: { error: 'no_such_subteam' },
    });
  });

  it('takes a filesUploadV2 upload through all three steps and records the bytes', async () => {
    const web = client();
    const result = await web.filesUploadV2({
      channel_id: 'C1',
      thread_ts: '1700000000.000100',
      content: 'time,who,action\n',
      filename: 'history.csv',
      title: 'History',
    });
    expect(result.ok).toBe(true);
    expect(fake.uploads).toHaveLength(1);
    const upload = fake.uploads[0];
    expect(upload).toMatchObject({
      filename: 'history.csv',
      length: 16,
      uploaded: true,
      completed: true,
      title: 'History',
      channelId: 'C1',
      threadTs: '1700000000.000100',
    });
    expect(upload?.content.toString('utf8')).toBe('time,who,action\n');
    const complete = await fake.waitForCall('files.completeUploadExternal');
    expect(complete.args.files).toEqual([{ id: upload?.fileId, title: 'History' }]);
  });

  it('lets the client retry a 429 with Retry-After', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 1 });
    const started = Date.now();
    const posted = await client().chat.postMessage({ channel: 'C1', text: 'after the limit' });
    expect(posted.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.callsTo('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
  });

  it('fails with a Slack error body, and hangs until the client times out', async () => {
    fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    await expect(client().chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
    fake.failNext('chat.update', { hang: true });
    await expect(client({ retries: 0, timeout: 200 }).chat.update({ channel: 'C1', ts: '1.2', text: 'x' })).rejects.toThrow();
    expect(fake.callsTo('chat.update')[0]?.status).toBeUndefined();
  });

  it('answers unknown_method and not_authed', async () => {
    await expect(client().apiCall('nope.nothing')).rejects.toMatchObject({ data: { error: 'unknown_method' } });
    const anonymous = new WebClient(undefined, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
    await expect(anonymous.auth.test()).rejects.toMatchObject({ data: { error: 'not_authed' } });
  });

  it('records response_url posts and explains a timed-out wait', async () => {
    const url = fake.responseUrl('cmd-1');
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'hi', response_type: 'ephemeral' }),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
    const posted = await fake.waitForResponse((r) => r.id === 'cmd-1');
    expect(posted.body).toEqual({ text: 'hi', response_type: 'ephemeral' });
    await expect(fake.waitForCall('views.open', undefined, 50)).rejects.toThrow(/no views\.open call within 50 ms; calls seen: \(none\)/);
  });
});

describe('slackRequests', () => {
  it("sign() reproduces the example in Slack's request-verification docs", () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(sign('8f742231b10e8888abcd99yyyzzz85a5', 1531420618, body)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });

  it('builds slash command forms with defaults and unique trigger ids', () => {
    const a = new URLSearchParams(slashCommandBody({ text: 'hold +14155551234' }));
    const b = new URLSearchParams(slashCommandBody({ text: 'x', userId: 'U9' }));
    expect(a.get('command')).toBe('/phlo');
    expect(a.get('text')).toBe('hold +14155551234');
    expect(a.get('team_id')).toBe('T0TEAM');
    expect(a.get('api_app_id')).toBe('A0APP');
    expect(b.get('user_id')).toBe('U9');
    expect(a.get('trigger_id')).not.toBe(b.get('trigger_id'));
  });
});

describe('Bolt HTTPReceiver with signed requests', () => {
  const secret = 'test-signing-secret';
  let app: App;
  let url: string;
  const seen: unknown[] = [];

  beforeEach(async () => {
    seen.length = 0;
    const receiver = new HTTPReceiver({ signingSecret: secret, logLevel: LogLevel.ERROR });
    app = new App({
      token: BOT_TOKEN,
      botId: 'B0BOT',
      botUserId: 'U0BOT',
      receiver,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    });
    app.command('/phlo', async ({ ack, command }) => {
      seen.push(command);
      await ack();
    });
    app.action('hold', async ({ ack, body }) => {
      seen.push(body);
      await ack();
    });
    app.view('transfer', async ({ ack, view }) => {
      seen.push(view.state.values);
      await ack({ response_action: 'errors', errors: { to: 'not a number' } });
    });
    const server = await app.start(0);
    if (!(server instanceof Server)) throw new Error('HTTPReceiver did not return an http.Server');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });
  afterEach(async () => {
    await app.stop();
  });

  it('accepts a signed slash command and rejects forged, stale and charset-suffixed ones', async () => {
    const body = slashCommandBody({ text: 'whoami', userId: 'U0123ALICE' });
    const ok = await postSigned(url, body, secret);
    expect(ok.status).toBe(200);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ command: '/phlo', text: 'whoami', user_id: 'U0123ALICE' });

    expect((await postSigned(url, body, 'wrong-secret')).status).toBe(401);
    expect((await postSigned(url, body, secret, { signature: 'v0=deadbeef' })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await postSigned(url, body, secret, { timestamp: stale })).status).toBe(401);
    // Bolt only parses exactly application/x-www-form-urlencoded as a form; a charset makes it try JSON.
    const charset = await postSigned(url, body, secret, { contentType: 'application/x-www-form-urlencoded; charset=utf-8' });
    expect(charset.status).toBe(400);
    expect(seen).toHaveLength(1);
  });

  it('routes block_actions and view_submission payloads', async () => {
    const click = await postSigned(
      url,
      blockActionsBody({ userId: 'U1', channelId: 'C1', messageTs: '1700000000.000100', actionId: 'hold', value: 'm1' }),
      secret,
    );
    expect(click.status).toBe(200);
    expect(seen[0]).toMatchObject({
      type: 'block_actions',
      container: { message_ts: '1700000000.000100', channel_id: 'C1' },
      actions: [{ action_id: 'hold', value: 'm1' }],
    });

    const submit = await postSigned(
      url,
      viewSubmissionBody({
        userId: 'U1',
        callbackId: 'transfer',
        privateMetadata: '{"channel":"C1"}',
        values: { to: { to: { type: 'plain_text_input', value: 'abc' } } },
      }),
      secret,
    );
    expect(submit.status).toBe(200);
    expect(JSON.parse(submit.body)).toEqual({ response_action: 'errors', errors: { to: 'not a number' } });
  });
});

describe('workflow steps (functions) against a real Bolt app.function listener', () => {
  const secret = 'test-signing-secret';
  let app: App;
  let url: string;

  beforeEach(async () => {
    const receiver = new HTTPReceiver({ signingSecret: secret, logLevel: LogLevel.ERROR });
    app = new App({
      token: BOT_TOKEN,
      botId: 'B0BOT',
      botUserId: 'U0BOT',
      receiver,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    });
    app.function('echo', async ({ inputs, complete, fail }) => {
      if (inputs.text === 'fail') await fail({ error: 'You asked it to fail.' });
      else await complete({ outputs: { echoed: String(inputs.text) } });
    });
    const server = await app.start(0);
    if (!(server instanceof Server)) throw new Error('HTTPReceiver did not return an http.Server');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });
  afterEach(async () => {
    await app.stop();
  });

  it('starts an execution with a function_executed event and records completeSuccess under its own token', async () => {
    const started = fake.startFunction('echo', { text: 'hello' });
    expect(started.execution.state).toBe('running');
    const answer = await postSigned(url, started.body, secret, { contentType: 'application/json' });
    expect(answer.status).toBe(200);
    const ended = await fake.waitForFunctionEnd(started.execution.id);
    expect(ended).toMatchObject({ state: 'completed', outputs: { echoed: 'hello' } });
    // Bolt completes with the execution's own token, as Slack hands it in the event.
    expect(fake.callsTo('functions.completeSuccess')[0]?.token).toBe(started.execution.token);
  });

  it('records completeError with its sentence, and refuses a second completion or a foreign token', async () => {
    const started = fake.startFunction('echo', { text: 'fail' });
    await postSigned(url, started.body, secret, { contentType: 'application/json' });
    expect(await fake.waitForFunctionEnd(started.execution.id)).toMatchObject({ state: 'failed', error: 'You asked it to fail.' });

    const again = await client({ retries: 0 })
      .functions.completeSuccess({ function_execution_id: started.execution.id, outputs: {} })
      .catch((error: unknown) => error);
    expect(again).toMatchObject({ data: { error: 'execution_not_in_running_state' } });

    const other = fake.startFunction('echo', { text: 'x' });
    const foreign = await new WebClient(started.execution.token, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR })
      .functions.completeSuccess({ function_execution_id: other.execution.id, outputs: {} })
      .catch((error: unknown) => error);
    expect(foreign).toMatchObject({ data: { error: 'access_denied' } });
    const unknown = await client({ retries: 0 })
      .functions.completeError({ function_execution_id: 'Fx0NOPE', error: 'x' })
      .catch((error: unknown) => error);
    expect(unknown).toMatchObject({ data: { error: 'function_execution_not_found' } });
  });
});

describe('Bolt in Socket Mode against socketModeServer', () => {
  let sockets: SocketModeServer;
  let app: App | undefined;

  beforeEach(async () => {
    sockets = await startSocketModeServer();
    fake.setSocketModeUrl(sockets.url);
  });
  afterEach(async () => {
    if (app !== undefined) await app.stop();
    app = undefined;
    await sockets.close();
  });

  it('connects through apps.connections.open, receives a slash command and acks it', async () => {
    app = new App({
      token: BOT_TOKEN,
      appToken: 'xapp-1-test',
      socketMode: true,
      botId: 'B0BOT',
      botUserId: 'U0BOT',
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    });
    app.command('/phlo', async ({ ack, respond, command }) => {
      await ack({ text: `working on ${command.text}` });
      await respond({ text: 'done', response_type: 'ephemeral' });
    });
    await app.start();
    await sockets.waitForConnection();
    const open = await fake.waitForCall('apps.connections.open');
    expect(open.token).toBe('xapp-1-test');

    const ack = await sockets.sendSlashCommand({ text: 'status', responseUrl: fake.responseUrl('sm-1') });
    expect(ack.payload).toEqual({ text: 'working on status' });
    const responded = await fake.waitForResponse((r) => r.id === 'sm-1');
    expect(responded.body).toEqual({ text: 'done', response_type: 'ephemeral' });
    // Nothing called auth.test: botId/botUserId were given.
    expect(fake.callsTo('auth.test')).toHaveLength(0);
  });

  it('delivers interactive payloads and returns the ack payload', async () => {
    app = new App({
      token: BOT_TOKEN,
      appToken: 'xapp-1-test',
      socketMode: true,
      botId: 'B0BOT',
      botUserId: 'U0BOT',
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    });
    app.view('transfer', async ({ ack }) => {
      await ack({ response_action: 'errors', errors: { to: 'bad number' } });
    });
    await app.start();
    const ack = await sockets.sendInteractive(
      viewSubmissionPayload({ callbackId: 'transfer', privateMetadata: '', values: { to: { to: { type: 'plain_text_input', value: 'x' } } } }),
    );
    expect(ack.payload).toEqual({ response_action: 'errors', errors: { to: 'bad number' } });
  });

  it('fails start() fast when the app token is a bot token', async () => {
    app = new App({
      token: BOT_TOKEN,
      appToken: BOT_TOKEN,
      socketMode: true,
      botId: 'B0BOT',
      botUserId: 'U0BOT',
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    });
    await expect(app.start()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
    app = undefined;
  });
});

describe('waitFor', () => {
  it('polls until a value appears and names the condition on timeout', async () => {
    let n = 0;
    await expect(waitFor(() => (++n >= 3 ? n : undefined), { intervalMs: 5 })).resolves.toBe(3);
    await expect(waitFor(() => undefined, { timeoutMs: 30, message: 'the row' })).rejects.toThrow(/the row not met within 30 ms/);
  });
});
