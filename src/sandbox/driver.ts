// Slack's side of the conversation with the app: what the page does becomes the signed request Slack
// would send to /slack/events (a slash command, a click, a modal submitted or closed, the Home tab
// opened, a workflow step run), and the app's answer is applied to the stand-in as Slack would apply it.
import { randomBytes } from 'node:crypto';
import { postSigned, type PostedResponse, type SlackStandIn } from './slack/index.js';
import type { Workspace } from './workspace.js';

type Json = Record<string, unknown>;

const APP_ID = 'A0APP';
const LEGACY_TOKEN = 'sandboxVerificationToken';

export interface Driver {
  command(user: string, channel: string, text: string): Promise<void>;
  messageAction(user: string, channel: string, messageTs: string, action: Json, ephemeral: boolean): Promise<void>;
  viewAction(user: string, viewId: string, values: Json, action: Json): Promise<void>;
  /** Submits the top modal; answers the inline errors when the app sends `response_action: "errors"`. */
  submit(user: string, viewId: string, values: Json): Promise<Record<string, string> | undefined>;
  close(user: string, viewId: string): Promise<void>;
  openHome(user: string): Promise<void>;
  /** Starts a run of a workflow step as Slack does when a workflow reaches it; answers the execution id. */
  startStep(callbackId: string, inputs: Record<string, string>, shown: { title: string; description: string | undefined }): Promise<string>;
}

export function createDriver(options: {
  slack: SlackStandIn;
  workspace: Workspace;
  signingSecret: string;
  /** The app's /slack/events URL, known once the app is listening. */
  eventsUrl: () => string;
}): Driver {
  const { slack, workspace, signingSecret } = options;
  const team = { id: workspace.teamId, domain: 'sandbox' };
  const userOf = (id: string): Json => {
    const name = workspace.users.find((u) => u.id === id)?.name ?? id.toLowerCase();
    return { id, username: name, name, team_id: workspace.teamId };
  };
  const channelName = (id: string): string => workspace.channels.find((c) => c.id === id)?.name ?? id.toLowerCase();
  const actionTs = (): string => (Date.now() / 1000).toFixed(6);
  const post = (body: string, contentType?: string): Promise<PostedResponse> =>
    postSigned(options.eventsUrl(), body, signingSecret, contentType === undefined ? {} : { contentType });
  const interactive = (payload: Json): Promise<PostedResponse> =>
    post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());

  // Slack's own words when an app does not answer a command properly.
  const failed = (user: string, channel: string, what: string): void => {
    slack.store.addEphemeral({ channel, user, ts: slack.store.nextTs(), text: `${what} failed with the error "dispatch_failed"` });
  };

  const viewWithState = (viewId: string, values: Json): Json => {
    const view = slack.store.views.get(viewId);
    if (view === undefined) throw new Error(`no open view ${viewId}`);
    return { ...view, state: { values } };
  };

  return {
    async command(user, channel, text) {
      const [command = '/phlo', ...rest] = text.trim().split(/\s+/);
      const body = new URLSearchParams({
        token: LEGACY_TOKEN,
        team_id: workspace.teamId,
        team_domain: team.domain,
        channel_id: channel,
        channel_name: channelName(channel),
        user_id: user,
        user_name: String(userOf(user).name),
        command,
        text: rest.join(' '),
        api_app_id: APP_ID,
        is_enterprise_install: 'false',
        response_url: slack.responseUrl(`cmd-${randomBytes(6).toString('hex')}`, { channel, user }),
        trigger_id: slack.issueTrigger(user),
      }).toString();
      const answer = await post(body);
      if (answer.status !== 200) { failed(user, channel, command); return; }
      // An ack with text is shown to the user alone, as Slack does.
      const text2 = answer.body.trim();
      if (text2 === '') return;
      let shown: Json = { text: text2 };
      try {
        const parsed: unknown = JSON.parse(text2);
        if (typeof parsed === 'object' && parsed !== null) shown = parsed as Json;
      } catch {
        // plain text
      }
      slack.store.addEphemeral({ channel, user, ts: slack.store.nextTs(), ...shown });
    },

    async messageAction(user, channel, messageTs, action, ephemeral) {
      const message = slack.store.message(channel, messageTs);
      const answer = await interactive({
        type: 'block_actions',
        user: userOf(user),
        api_app_id: APP_ID,
        token: LEGACY_TOKEN,
        container: {
          type: 'message',
          message_ts: messageTs,
          channel_id: channel,
          is_ephemeral: ephemeral,
          ...(message?.thread_ts !== undefined ? { thread_ts: message.thread_ts } : {}),
        },
        trigger_id: slack.issueTrigger(user),
        team,
        enterprise: null,
        is_enterprise_install: false,
        channel: { id: channel, name: channelName(channel) },
        state: { values: {} },
        response_url: slack.responseUrl(`act-${randomBytes(6).toString('hex')}`, { channel, user, messageTs }),
        actions: [{ ...action, action_ts: actionTs() }],
        ...(message !== undefined && !ephemeral
          ? {
              message: {
                type: 'message',
                subtype: 'bot_message',
                user: slack.botUserId,
                bot_id: slack.botId,
                app_id: APP_ID,
                text: message.text ?? '',
                ts: message.ts,
                ...(message.thread_ts !== undefined ? { thread_ts: message.thread_ts } : {}),
                blocks: message.blocks ?? [],
                team: workspace.teamId,
              },
            }
          : {}),
      });
      if (answer.status !== 200) failed(user, channel, 'The button');
    },

    async viewAction(user, viewId, values, action) {
      await interactive({
        type: 'block_actions',
        user: userOf(user),
        api_app_id: APP_ID,
        token: LEGACY_TOKEN,
        container: { type: 'view', view_id: viewId },
        trigger_id: slack.issueTrigger(user),
        team,
        enterprise: null,
        is_enterprise_install: false,
        view: viewWithState(viewId, values),
        actions: [{ ...action, action_ts: actionTs() }],
      });
    },

    async submit(user, viewId, values) {
      const answer = await interactive({
        type: 'view_submission',
        team,
        user: userOf(user),
        api_app_id: APP_ID,
        token: LEGACY_TOKEN,
        trigger_id: slack.issueTrigger(user),
        view: viewWithState(viewId, values),
        response_urls: [],
        is_enterprise_install: false,
        enterprise: null,
      });
      if (answer.status !== 200) return { _form: 'We had some trouble connecting. Try again?' };
      const ack = answer.body.trim() === '' ? {} : (JSON.parse(answer.body) as Json);
      const store = slack.store;
      switch (ack.response_action) {
        case 'errors':
          return (ack.errors ?? {}) as Record<string, string>;
        case 'clear':
          store.closeModal(user, true);
          return undefined;
        case 'update':
        case 'push': {
          const view = ack.view as Json;
          const id = ack.response_action === 'update' ? viewId : store.nextId('V');
          store.putView({ ...view, id, hash: store.newHash(), state: { values: {} } });
          if (ack.response_action === 'push') store.openModal(user, id, true);
          return undefined;
        }
        default:
          store.closeModal(user);
          return undefined;
      }
    },

    async close(user, viewId) {
      const view = slack.store.views.get(viewId);
      slack.store.closeModal(user);
      if (view?.notify_on_close === true) {
        await interactive({
          type: 'view_closed',
          team,
          user: userOf(user),
          api_app_id: APP_ID,
          token: LEGACY_TOKEN,
          view,
          is_cleared: false,
          is_enterprise_install: false,
          enterprise: null,
        });
      }
    },

    async openHome(user) {
      await post(
        JSON.stringify({
          token: LEGACY_TOKEN,
          team_id: workspace.teamId,
          api_app_id: APP_ID,
          event: { type: 'app_home_opened', user, channel: `D${user.slice(1)}`, tab: 'home', event_ts: actionTs() },
          type: 'event_callback',
          event_id: `Ev${randomBytes(6).toString('hex').toUpperCase()}`,
          event_time: Math.floor(Date.now() / 1000),
          authorizations: [
            { enterprise_id: null, team_id: workspace.teamId, user_id: slack.botUserId, is_bot: true, is_enterprise_install: false },
          ],
          is_ext_shared_channel: false,
        }),
        'application/json',
      );
    },

    async startStep(callbackId, inputs, shown) {
      const { execution, body } = slack.startFunction(callbackId, inputs, {
        title: shown.title,
        ...(shown.description === undefined ? {} : { description: shown.description }),
      });
      const answer = await post(body, 'application/json');
      // Slack would retry and at last give up on the step; the sandbox says at once that the app did not take it.
      if (answer.status !== 200 && slack.store.functionExecutions.get(execution.id)?.state === 'running') {
        slack.store.putFunctionExecution({ ...execution, state: 'failed', error: `The app answered the step's event with HTTP ${answer.status}.`, endedAt: Date.now() });
      }
      return execution.id;
    },
  };
}
