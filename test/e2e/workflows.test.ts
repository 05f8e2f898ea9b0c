/**
 * Workflow Builder steps: Slack sends a signed `function_executed` event when a workflow reaches one
 * of phlo-bot's steps, and the step goes the way a command goes (authorized, approved, recorded,
 * answered in the call's thread), then ends with `functions.completeSuccess` or `completeError`.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CATALOGUE, isMemberAction } from '../../src/actions/catalogue/index.js';
import { WORKFLOW_STEPS } from '../../src/workflows/index.js';
import type { SlackCall } from '../support/fakeSlack.js';
import { postSigned } from '../support/slackRequests.js';
import { waitFor } from '../support/wait.js';
import { BOT_TOKEN, buttonsOf, CHANNEL, CONFIG_YAML, messageText, SALES_PHLO_ID, SIGNING_SECRET, startHarness, TEAM, USERS, type Harness } from './harness.js';

// Agents may hang up, but only with a supervisor's OK.
const APPROVALS_YAML = `${CONFIG_YAML.replace(
  'agent: [status, history, call, transfer, hold, unhold, resume, abort, voicemail]',
  'agent: [status, history, call, transfer, hold, unhold, hangup, resume, abort, voicemail, run]',
)}
approvals:
  hangup: [supervisor]
approval_timeout_minutes: 15
`;

interface ManifestParameter { type: string; enum?: string[] }
interface ManifestFunction {
  title: string;
  description: string;
  input_parameters: { properties: Record<string, ManifestParameter>; required: string[] };
  output_parameters: { properties: Record<string, ManifestParameter> };
}
const manifest = parse(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')) as {
  functions: Record<string, ManifestFunction>;
  settings: { org_deploy_enabled: boolean; event_subscriptions: { bot_events: string[] } };
};

describe('the manifest and the step listeners', () => {
  it('declares exactly the steps the app listens for, each with the inputs its listener reads', () => {
    expect(Object.keys(manifest.functions).sort()).toEqual(WORKFLOW_STEPS.map((s) => s.callbackId).sort());
    for (const step of WORKFLOW_STEPS) {
      const declared = manifest.functions[step.callbackId]?.input_parameters.properties ?? {};
      expect(Object.keys(declared).sort(), step.callbackId).toEqual(['user', 'channel', ...step.inputs].sort());
      expect(declared.user?.type).toBe('slack#/types/user_id');
      expect(declared.channel?.type).toBe('slack#/types/channel_id');
      expect(Object.keys(manifest.functions[step.callbackId]?.output_parameters.properties ?? {}).sort()).toEqual(['action_id', 'api_id', 'outcome', 'thread_url']);
    }
  });

  it("offers the catalogue's member actions and transfer kinds as the choices", () => {
    const memberActions = CATALOGUE.entries.filter(isMemberAction).map((s) => s.name);
    expect(manifest.functions.phlo_member_action?.input_parameters.properties.action?.enum).toEqual(memberActions);
    expect(manifest.functions.phlo_transfer?.input_parameters.properties.kind?.enum).toEqual(['warm', 'cold']);
  });

  it('is an org-ready app subscribed to function_executed', () => {
    expect(manifest.settings.org_deploy_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toContain('function_executed');
  });
});

describe('workflow steps against the real app', () => {
  let h: Harness;
  let memberSeq = 0;
  const freshMember = (): string => `+1415558${String(++memberSeq).padStart(4, '0')}`;

  beforeAll(async () => {
    h = await startHarness({ configYaml: APPROVALS_YAML, metrics: true });
  });
  afterAll(async () => {
    await h.stop();
  });
  beforeEach(() => {
    h.phlo.reset();
    h.slack.reset();
  });

  /** Runs a step as Slack does: registers the execution and POSTs its signed event. */
  async function runStep(callbackId: string, inputs: Record<string, unknown>) {
    const started = h.slack.startFunction(callbackId, inputs, { title: manifest.functions[callbackId]?.title ?? callbackId });
    const answer = await postSigned(`${h.baseUrl}/slack/events`, started.body, SIGNING_SECRET, { contentType: 'application/json' });
    expect(answer.status).toBe(200);
    return started.execution;
  }
  const stepEnd = (id: string) => h.slack.waitForFunctionEnd(id);
  const phloRequestsOn = (member: string) => h.phlo.requests.filter((r) => r.path.endsWith(`/members/${member}`));
  const rowsOf = async (member: string) => h.app.store.actions.history({ teamId: TEAM, channelId: CHANNEL, member, limit: 20 });

  async function onTheCall(member: string) {
    await h.command(`call ${member}`);
    await h.waitForReply((c) => messageText(c).includes(`\`${member}\``));
  }

  it('a hold step acts on PHLO, answers in the call thread, and completes with outcome ok and a thread link', async () => {
    const member = freshMember();
    await onTheCall(member);
    const execution = await runStep('phlo_member_action', { user: USERS.alice, channel: CHANNEL, action: 'hold', member });
    const ended = await stepEnd(execution.id);

    expect(ended.state).toBe('completed');
    expect(phloRequestsOn(member).map((r) => r.body)).toEqual([{ action: 'hold' }]);
    const reply = await h.waitForReply((c) => messageText(c).includes(`put \`${member}\` on hold`));
    expect(ended.outputs?.outcome).toBe('ok');
    expect(ended.outputs?.api_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(ended.outputs?.thread_url).toContain(`/archives/${CHANNEL}/p${String(reply.args.thread_ts).replace('.', '')}`);
    // The listener ends the step with the execution's own token, as Slack hands it in the event.
    expect(h.slack.callsTo('functions.completeSuccess').map((c) => c.token)).toEqual([execution.token]);
    const row = (await rowsOf(member)).find((r) => r.action === 'hold');
    expect(row).toMatchObject({ id: ended.outputs?.action_id, outcome: 'ok', userId: USERS.alice, source: 'workflow' });

    // The history tells the workflow's action from the command before it.
    await h.command(`history --member ${member}`);
    const history = await h.slack.waitForCall('chat.postMessage', (c) => c.args.thread_ts === undefined && messageText(c).includes('history'));
    const lines = messageText(history).split('\n').filter((l) => l.startsWith('<!date^'));
    expect(lines.map((l) => l.includes('via workflow'))).toEqual([true, false]);
    expect(lines[0]).toContain(`*Hold* \`${member}\``);
  });

  it('a step PHLO refuses fails with the sentence the thread shows', async () => {
    // PHLO knows no member it never dialled: 404.
    const member = freshMember();
    const execution = await runStep('phlo_member_action', { user: USERS.alice, channel: CHANNEL, action: 'hold', member });
    const ended = await stepEnd(execution.id);
    expect(ended.state).toBe('failed');
    expect(ended.error).toMatch(new RegExp(`^PHLO did not put \\${member} on hold\\. PHLO could not find the PHLO, node or member \\(HTTP 404\\)\\.`));
    expect(phloRequestsOn(member)).toHaveLength(1);
    expect((await rowsOf(member))[0]).toMatchObject({ outcome: 'failed', httpStatus: 404, source: 'workflow' });
  });

  it("a transfer step sends the acting user's own address as trigger_source", async () => {
    const to = freshMember();
    const execution = await runStep('phlo_transfer', { user: USERS.alice, channel: CHANNEL, kind: 'warm', to });
    expect(await stepEnd(execution.id)).toMatchObject({ state: 'completed', outputs: { outcome: 'ok' } });
    const sent = h.phlo.requests.filter((r) => r.method === 'POST' && r.path.includes('/multi_party_call/')).map((r) => r.body);
    expect(sent).toEqual([{ action: 'warm_transfer', to, role: 'agent', trigger_source: '+14155550100' }]);
  });

  it("a viewer's hang-up step fails naming the permission, and nothing reaches PHLO", async () => {
    const member = freshMember();
    const execution = await runStep('phlo_member_action', { user: USERS.vic, channel: CHANNEL, action: 'hangup', member });
    const ended = await stepEnd(execution.id);
    expect(ended.state).toBe('failed');
    expect(ended.error).toBe('Your role viewer does not have the hangup permission.');
    expect(h.phlo.requests).toEqual([]);
    expect(await rowsOf(member)).toEqual([expect.objectContaining({ outcome: 'denied', userId: USERS.vic, source: 'workflow' })]);
  });

  it('a bad member fails the step plainly, is recorded as invalid, and nothing reaches PHLO', async () => {
    const execution = await runStep('phlo_member_action', { user: USERS.alice, channel: CHANNEL, action: 'hold', member: 'the caller' });
    const ended = await stepEnd(execution.id);
    expect(ended.state).toBe('failed');
    expect(ended.error).toBe('member: Not a phone number (8 to 15 digits) or a SIP address (sip:user@host).');
    expect(ended.error).not.toMatch(/[`*]|&lt;|:warning:/);
    expect(h.phlo.requests).toEqual([]);
    const rows = await h.app.store.actions.history({ teamId: TEAM, channelId: CHANNEL, limit: 5 });
    expect(rows[0]).toMatchObject({ outcome: 'invalid', userId: USERS.alice, source: 'workflow' });
  });

  it('an unknown member action or transfer kind fails the step with no PHLO call', async () => {
    const action = await runStep('phlo_member_action', { user: USERS.alice, channel: CHANNEL, action: 'mute', member: freshMember() });
    expect(await stepEnd(action.id)).toMatchObject({ state: 'failed', error: 'action: must be one of hold, unhold, hangup, resume, abort, voicemail' });
    const kind = await runStep('phlo_transfer', { user: USERS.alice, channel: CHANNEL, kind: 'lukewarm', to: freshMember() });
    expect(await stepEnd(kind.id)).toMatchObject({ state: 'failed', error: 'kind: must be warm or cold' });
    expect(h.phlo.requests).toEqual([]);
  });

  it('a run step sends the payload keys exactly as typed', async () => {
    const payload = 'from=+14155550100\nCustomerTier = Gold Plus\n\nticket.id=TCK-42';
    const execution = await runStep('phlo_run', { user: USERS.bob, channel: CHANNEL, phlo: 'sales', payload });
    expect(await stepEnd(execution.id)).toMatchObject({ state: 'completed', outputs: { outcome: 'ok' } });
    const runs = h.phlo.requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/phlo/${SALES_PHLO_ID}`));
    expect(runs.map((r) => r.body)).toEqual([{ from: '+14155550100', CustomerTier: 'Gold Plus', 'ticket.id': 'TCK-42' }]);
  });

  it('a run payload line without = fails the step with no PHLO call', async () => {
    const execution = await runStep('phlo_run', { user: USERS.bob, channel: CHANNEL, phlo: 'sales', payload: 'from=+14155550100\njust words' });
    expect(await stepEnd(execution.id)).toMatchObject({ state: 'failed', error: 'Run parameters are key=value; just words is not.' });
    expect(h.phlo.requests).toEqual([]);
  });

  describe('inputs no command would carry', () => {
    /** Runs a step whose event carries `inputs` exactly as given (Slack's type says an object; what arrives may not be). */
    async function runStepWith(callbackId: string, inputs: unknown) {
      const started = h.slack.startFunction(callbackId, {});
      const body = JSON.parse(started.body) as { event: { inputs: unknown } };
      body.event.inputs = inputs;
      const answer = await postSigned(`${h.baseUrl}/slack/events`, JSON.stringify(body), SIGNING_SECRET, { contentType: 'application/json' });
      expect(answer.status).toBe(200);
      return stepEnd(started.execution.id);
    }
    const MALFORMED = "This step's inputs did not arrive as Workflow Builder sends them, so nothing was sent to PHLO. Check the step's inputs in the workflow, then run it again.";
    const latestRow = async () => (await h.app.store.actions.history({ teamId: TEAM, channelId: '', limit: 1 }))[0];

    it.each([
      ['no inputs at all (null)', null],
      ['a list', [USERS.alice, CHANNEL]],
      ['a text', 'hold'],
      ['ten thousand inputs', Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, 'v']))],
    ])('%s: the step fails plainly, is recorded as invalid, and nothing reaches PHLO or the channel', async (_case, inputs) => {
      const ended = await runStepWith('phlo_member_action', inputs);
      expect(ended).toMatchObject({ state: 'failed', error: MALFORMED });
      expect(h.phlo.requests).toEqual([]);
      expect(h.slack.callsTo('chat.postMessage')).toEqual([]);
      expect(await latestRow()).toMatchObject({ action: 'phlo_member_action', outcome: 'invalid', source: 'workflow', params: {} });
    });

    it('a 600 KB channel id fails the step naming the input, and is never sent to Slack', async () => {
      const channel = `C${'A'.repeat(600_000)}`;
      const ended = await runStepWith('phlo_member_action', { user: USERS.alice, channel, action: 'hold', member: freshMember() });
      expect(ended).toMatchObject({ state: 'failed', error: 'channel: must be a Slack channel' });
      expect(h.phlo.requests).toEqual([]);
      expect(h.slack.calls.filter((c) => JSON.stringify(c.args).includes('AAAAAAAAAA'))).toEqual([]);
      expect(await latestRow()).toMatchObject({ outcome: 'invalid', channelId: '', userId: USERS.alice });
    });

    it('an input longer than any address fails the step naming it, and its record keeps only the limit', async () => {
      const to = `+1${'5'.repeat(50_000)}`;
      const ended = await runStepWith('phlo_call', { user: USERS.alice, channel: CHANNEL, to });
      expect(ended).toMatchObject({ state: 'failed', error: 'to: is at most 200 characters' });
      expect(h.phlo.requests).toEqual([]);
      const row = (await h.app.store.actions.history({ teamId: TEAM, channelId: CHANNEL, limit: 1 }))[0];
      expect(row).toMatchObject({ action: 'phlo_call', outcome: 'invalid', source: 'workflow' });
      expect(row?.params.to?.length).toBe(200);
    });

    it('a run payload of ten thousand lines fails the step, and nothing reaches PHLO', async () => {
      const payload = Array.from({ length: 10_000 }, (_, i) => `key${i}=value`).join('\n');
      const ended = await runStepWith('phlo_run', { user: USERS.bob, channel: CHANNEL, phlo: 'sales', payload });
      expect(ended).toMatchObject({ state: 'failed', error: 'payload: takes at most 100 key=value lines' });
      expect(h.phlo.requests).toEqual([]);
    });

    it('a value that is not text fails the step naming the input', async () => {
      const ended = await runStepWith('phlo_member_action', { user: USERS.alice, channel: CHANNEL, action: 'hold', member: { nested: true } });
      expect(ended).toMatchObject({ state: 'failed', error: 'member: must be text' });
      expect(h.phlo.requests).toEqual([]);
    });
  });

  describe('a step needing approval', () => {
    const isRequestFor = (member: string) => (c: SlackCall) => messageText(c).includes(`asks to hang up \`${member}\``);

    async function agentStepAsks(member: string) {
      await onTheCall(member);
      const execution = await runStep('phlo_member_action', { user: USERS.alice, channel: CHANNEL, action: 'hangup', member });
      const posted = await h.waitForReply(isRequestFor(member));
      // Told last, once the request is on record: the step is still open, and PHLO untouched.
      await h.waitForEphemeral(USERS.alice, (c) => messageText(c).includes('needs approval'));
      expect(h.slack.store.functionExecutions.get(execution.id)?.state).toBe('running');
      expect(phloRequestsOn(member)).toEqual([]);
      const button = (label: string) => {
        const found = buttonsOf(posted).find((b) => b.label === label);
        if (found === undefined) throw new Error(`no ${label} button`);
        return { actionId: found.actionId, value: found.value, messageTs: String(posted.response?.ts), threadTs: String(posted.args.thread_ts) };
      };
      return { execution, approve: button('Approve'), reject: button('Reject') };
    }

    it('completes after a supervisor approves, with the bot token, and acts on PHLO once', async () => {
      const member = freshMember();
      const { execution, approve } = await agentStepAsks(member);
      await h.click({ ...approve, user: USERS.bob });
      const ended = await stepEnd(execution.id);
      expect(ended).toMatchObject({ state: 'completed', outputs: { outcome: 'ok' } });
      expect(ended.outputs?.thread_url).toContain(`/archives/${CHANNEL}/p${approve.threadTs.replace('.', '')}`);
      expect(phloRequestsOn(member).map((r) => r.body)).toEqual([{ action: 'hangup' }]);
      // Completed later, by whoever saw the decision: the bot token, not the execution's.
      expect(h.slack.callsTo('functions.completeSuccess').map((c) => c.token)).toEqual([BOT_TOKEN]);
      const rows = await rowsOf(member);
      expect(rows.find((r) => r.action === 'hangup' && r.outcome === 'ok')).toMatchObject({ source: 'workflow', approvedBy: USERS.bob, id: ended.outputs?.action_id });
    });

    it('stays open when the person it acts for is not in the channel to be told it waits', async () => {
      const member = freshMember();
      await onTheCall(member);
      h.slack.failNext('chat.postEphemeral', { error: 'user_not_in_channel' });
      const execution = await runStep('phlo_member_action', { user: USERS.alice, channel: CHANNEL, action: 'hangup', member });
      const posted = await h.waitForReply(isRequestFor(member));
      await h.slack.waitForCall('chat.postEphemeral', (c) => c.response?.error === 'user_not_in_channel');
      const approve = buttonsOf(posted).find((btn) => btn.label === 'Approve');
      if (approve === undefined) throw new Error('no Approve button');
      await h.click({ actionId: approve.actionId, value: approve.value, messageTs: String(posted.response?.ts), threadTs: String(posted.args.thread_ts), user: USERS.bob });
      expect(await stepEnd(execution.id)).toMatchObject({ state: 'completed', outputs: { outcome: 'ok' } });
    });

    it('fails when a supervisor rejects, and nothing reaches PHLO', async () => {
      const member = freshMember();
      const { execution, reject } = await agentStepAsks(member);
      await h.click({ ...reject, user: USERS.bob });
      const ended = await stepEnd(execution.id);
      expect(ended.state).toBe('failed');
      expect(ended.error).toContain(`The request to hang up ${member} was rejected`);
      expect(ended.error).toContain('nothing was sent to PHLO');
      expect(phloRequestsOn(member)).toEqual([]);
    });
  });

  it('a step event from another workspace passes the same guard as a command: refused, recorded, nothing run', async () => {
    const member = freshMember();
    const started = h.slack.startFunction('phlo_member_action', { user: USERS.bob, channel: CHANNEL, action: 'hold', member });
    const foreign = started.body.replaceAll(`"team_id":"${TEAM}"`, '"team_id":"T0OTHER"');
    expect(foreign).not.toBe(started.body);
    const answer = await postSigned(`${h.baseUrl}/slack/events`, foreign, SIGNING_SECRET, { contentType: 'application/json' });
    expect(answer.status).toBe(200);
    const refused = await waitFor(async () =>
      (await h.app.store.actions.history({ teamId: 'T0OTHER', channelId: '', limit: 5 })).find((r) => r.action === 'event' && r.outcome === 'denied'),
    );
    expect(refused.params).toMatchObject({ team_id: 'T0OTHER' });
    expect(h.slack.store.functionExecutions.get(started.execution.id)?.state).toBe('running');
    expect(h.phlo.requests).toEqual([]);
  });

  it('counts step runs by step and outcome', async () => {
    const execution = await runStep('phlo_member_action', { user: USERS.vic, channel: CHANNEL, action: 'hold', member: freshMember() });
    await stepEnd(execution.id);
    const text = await (await fetch(`${String(h.metricsUrl)}/metrics`)).text();
    expect(text).toMatch(/phlo_bot_workflow_steps_total\{step="phlo_member_action",outcome="denied"\} [1-9]/);
  });
});

describe('a step waiting for approval on one instance', () => {
  let a: Harness;
  let b: Harness;
  let offsetMs = 0;
  const now = (): Date => new Date(Date.now() + offsetMs);

  beforeAll(async () => {
    const databaseUrl = `sqlite:${join(mkdtempSync(join(tmpdir(), 'phlo-bot-steps-')), 'shared.db')}`;
    // `a` takes the step and sweeps rarely; `b`, sharing its database, sweeps often.
    a = await startHarness({ databaseUrl, configYaml: APPROVALS_YAML, now, approvalSweepMs: 3_600_000 });
    b = await startHarness({ databaseUrl, configYaml: APPROVALS_YAML, now, approvalSweepMs: 50, shareWith: a });
  });
  afterAll(async () => {
    await b.stop();
    await a.stop();
  });

  it('fails when it expires, ended by the other instance with the bot token', async () => {
    const member = '+14155559001';
    await a.command(`call ${member}`);
    await a.waitForReply((c) => messageText(c).includes(`\`${member}\``));
    const started = a.slack.startFunction('phlo_member_action', { user: USERS.alice, channel: CHANNEL, action: 'hangup', member });
    await postSigned(`${a.baseUrl}/slack/events`, started.body, SIGNING_SECRET, { contentType: 'application/json' });
    await a.waitForEphemeral(USERS.alice, (c) => messageText(c).includes('needs approval'));

    offsetMs += 16 * 60_000;
    const ended = await a.slack.waitForFunctionEnd(started.execution.id);
    expect(ended).toMatchObject({ state: 'failed', error: `The request to hang up ${member} expired without a decision, so nothing was sent to PHLO.` });
    expect(a.slack.callsTo('functions.completeError').map((c) => c.token)).toEqual([BOT_TOKEN]);
    // The instance that swept it ended it (its log line follows the completion, so it is awaited).
    await waitFor(() => b.logs.some((l) => l.msg === 'workflow step ended' && l.executionId === started.execution.id && l.outcome === 'expired'));
    expect(a.phlo.requests.filter((r) => r.path.endsWith(`/members/${member}`))).toEqual([]);
  });
});
