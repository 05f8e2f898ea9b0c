/**
 * Slack delivers an Events API event again when it thinks the first delivery failed: the same body
 * (same `event_id`, same `function_execution_id`), a new signature and timestamp, and
 * `X-Slack-Retry-Num` 1, 2, 3. A workflow step runs once however many times it arrives, on whichever
 * instance: PHLO hears of it once, it is ended once, and only by its first delivery.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../store/databases.js';
import { postSigned, type PostedResponse } from '../support/slackRequests.js';
import { sleep, waitFor } from '../support/wait.js';
import { CHANNEL, CONFIG_YAML, messageText, SIGNING_SECRET, startHarness, USERS, type Harness } from './harness.js';

// Agents may hang up, but only with a supervisor's OK.
const APPROVALS_YAML = `${CONFIG_YAML.replace(
  'agent: [status, history, call, transfer, hold, unhold, resume, abort, voicemail]',
  'agent: [status, history, call, transfer, hold, unhold, hangup, resume, abort, voicemail]',
)}
approvals:
  hangup: [supervisor]
`;

/** Short, so a retry can come after it has passed: then only the delivery's own id stops a second run. */
const DEDUP_WINDOW_MS = 100;

let memberSeq = 0;
const freshMember = (): string => `+1415557${String(++memberSeq).padStart(4, '0')}`;

let lastStamp = 0;

/** Delivers `body` as Slack does: the first time, or again with its retry number and a new signature. */
function deliver(h: Harness, body: string, retryNum = 0): Promise<PostedResponse> {
  return postSigned(`${h.baseUrl}/slack/events`, body, SIGNING_SECRET, {
    contentType: 'application/json',
    // Each delivery its own timestamp (a little in the past, and never the same twice), so its own
    // signature: the replay guard does not take a retry for a replay.
    timestamp: (lastStamp = Math.max(Math.floor(Date.now() / 1000) - 100, lastStamp + 1)),
    headers: retryNum === 0 ? {} : { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'http_timeout' },
  });
}

const redeliveryLogs = (...hs: Harness[]) => hs.flatMap((h) => h.logs.filter((l) => l.msg === 'redelivered Slack event ignored'));

describe.each(['sqlite', 'postgres'] as const)('a redelivered workflow step, on two instances sharing %s', (database) => {
  let db: TestDatabase;
  let a: Harness;
  let b: Harness;
  beforeAll(async () => {
    db = await createTestDatabase(database);
    a = await startHarness({ databaseUrl: db.url, configYaml: APPROVALS_YAML, dedupWindowMs: DEDUP_WINDOW_MS, metrics: true });
    b = await startHarness({ databaseUrl: db.url, configYaml: APPROVALS_YAML, dedupWindowMs: DEDUP_WINDOW_MS, shareWith: a });
  });
  afterAll(async () => {
    await b.stop();
    await a.stop();
    await db.drop();
  });
  beforeEach(() => {
    a.phlo.reset();
    a.slack.reset();
    a.phlo.setLatency(0);
  });

  const phloRequestsFor = (member: string) => a.phlo.requests.filter((r) => JSON.stringify(r).includes(member));

  it('reaches PHLO once and completes once: retry 1 while the first still runs, retry 2 after the duplicate window', async () => {
    const member = freshMember();
    // PHLO takes a moment, so the first retry arrives while the first delivery is still running.
    a.phlo.setLatency(400);
    const { execution, body } = a.slack.startFunction('phlo_call', { user: USERS.alice, channel: CHANNEL, to: member });

    const first = await deliver(a, body);
    const retry1 = await deliver(b, body, 1);
    expect([first.status, retry1.status]).toEqual([200, 200]);
    const ended = await a.slack.waitForFunctionEnd(execution.id);
    expect(ended).toMatchObject({ state: 'completed', outputs: { outcome: 'ok' } });

    // Past the duplicate window, only the delivery's id can tell this is the same step run.
    await sleep(DEDUP_WINDOW_MS * 3);
    const retry2 = await deliver(a, body, 2);
    expect(retry2.status).toBe(200);
    await waitFor(() => redeliveryLogs(a, b).filter((l) => l.executionId === execution.id).length === 2);

    expect(phloRequestsFor(member).map((r) => r.body)).toEqual([expect.objectContaining({ action: 'call', to: member })]);
    expect(a.slack.callsTo('functions.completeSuccess')).toHaveLength(1);
    expect(a.slack.callsTo('functions.completeError')).toHaveLength(0);
    const byRetry = redeliveryLogs(a, b).filter((l) => l.executionId === execution.id).sort((x, y) => Number(x.retryNum) - Number(y.retryNum));
    expect(byRetry.map((l) => [l.retryNum, l.retryReason, l.executionId, l.level])).toEqual([
      [1, 'http_timeout', execution.id, 'info'],
      [2, 'http_timeout', execution.id, 'info'],
    ]);
    const rows = await a.app.store.actions.history({ teamId: a.slack.teamId, channelId: CHANNEL, member, limit: 10 });
    expect(rows.filter((r) => r.action === 'call')).toHaveLength(1);
  });

  it('with approvals on: one request for approval, however many times the step arrives', async () => {
    const member = freshMember();
    const { execution, body } = a.slack.startFunction('phlo_member_action', { user: USERS.alice, channel: CHANNEL, action: 'hangup', member });
    await deliver(a, body);
    await a.waitForEphemeral(USERS.alice, (c) => messageText(c).includes('needs approval'));
    await deliver(b, body, 1);
    await sleep(DEDUP_WINDOW_MS * 3);
    await deliver(a, body, 2);
    await deliver(b, body, 3);
    await waitFor(() => redeliveryLogs(a, b).filter((l) => l.executionId === execution.id).length === 3);

    const requests = a.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNEL && messageText(c).includes(`asks to hang up \`${member}\``));
    expect(requests).toHaveLength(1);
    expect(a.slack.callsTo('chat.postEphemeral').filter((c) => messageText(c).includes('needs approval'))).toHaveLength(1);
    expect(a.slack.functionExecution(execution.id)?.state).toBe('running');
    expect(a.slack.callsTo('functions.completeError')).toHaveLength(0);
    expect(phloRequestsFor(member)).toEqual([]);
  });

  it('counts redeliveries in /metrics by retry reason', async () => {
    const text = await (await fetch(`${String(a.metricsUrl)}/metrics`)).text();
    expect(text).toMatch(/^slack_event_redeliveries_total\{reason="http_timeout"\} [1-9]/m);
  });
});

describe('a redelivered event of another kind', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('an App Home opening delivered twice publishes the Home tab once', async () => {
    const body = JSON.stringify({
      token: 'x',
      team_id: h.slack.teamId,
      api_app_id: 'A0APP',
      type: 'event_callback',
      event_id: 'Ev0HOME0001',
      event_time: Math.floor(Date.now() / 1000),
      event: { type: 'app_home_opened', user: USERS.alice, channel: 'D0ALICE', tab: 'home', event_ts: '1.000001' },
    });
    expect((await deliver(h, body)).status).toBe(200);
    await h.slack.waitForCall('views.publish', (c) => c.args.user_id === USERS.alice);
    expect((await deliver(h, body, 1)).status).toBe(200);
    await waitFor(() => redeliveryLogs(h).some((l) => l.eventId === 'Ev0HOME0001'));
    expect(h.slack.callsTo('views.publish')).toHaveLength(1);
  });
});
