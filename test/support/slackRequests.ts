// Builders for the requests Slack sends to an app, and a signed HTTP poster for Bolt's HTTPReceiver.
// Shapes follow Slack's documented payloads. Signing and posting are shared with the sandbox.
import { randomBytes } from 'node:crypto';
import { newTriggerId } from '../../src/sandbox/slack/signing.js';

export { newTriggerId, postSigned, sign, type PostSignedOptions, type PostedResponse } from '../../src/sandbox/slack/signing.js';

export const DEFAULT_TEAM_ID = 'T0TEAM';
export const DEFAULT_TEAM_DOMAIN = 'fake-team';
export const DEFAULT_API_APP_ID = 'A0APP';
export const DEFAULT_USER_ID = 'U0TESTUSER';
export const DEFAULT_CHANNEL_ID = 'C0TESTCHAN';
/** Connection-refused address: a test that forgets `responseUrl` fails fast instead of hanging on DNS. */
export const UNSET_RESPONSE_URL = 'http://127.0.0.1:9/response-url-not-set';
/** The verification token Slack still sends; apps must not rely on it. */
const LEGACY_TOKEN = 'fakeVerificationToken';

let actionTsSeq = 0;
function newActionTs(): string {
  actionTsSeq += 1;
  return `${Math.floor(Date.now() / 1000)}.${String(actionTsSeq).padStart(6, '0')}`;
}

// ---------------------------------------------------------------------------------------------------------
// Slash commands

export interface SlashCommandFields {
  text: string;
  command?: string;
  userId?: string;
  userName?: string;
  channelId?: string;
  channelName?: string;
  teamId?: string;
  teamDomain?: string;
  triggerId?: string;
  responseUrl?: string;
  apiAppId?: string;
}

/** The slash command as the flat object Slack sends (form fields over HTTP, `payload` over Socket Mode). */
export function slashCommandPayload(fields: SlashCommandFields): Record<string, string> {
  const teamId = fields.teamId ?? DEFAULT_TEAM_ID;
  return {
    token: LEGACY_TOKEN,
    team_id: teamId,
    team_domain: fields.teamDomain ?? DEFAULT_TEAM_DOMAIN,
    channel_id: fields.channelId ?? DEFAULT_CHANNEL_ID,
    channel_name: fields.channelName ?? 'support',
    user_id: fields.userId ?? DEFAULT_USER_ID,
    user_name: fields.userName ?? 'tester',
    command: fields.command ?? '/phlo',
    text: fields.text,
    api_app_id: fields.apiAppId ?? DEFAULT_API_APP_ID,
    is_enterprise_install: 'false',
    response_url: fields.responseUrl ?? UNSET_RESPONSE_URL,
    trigger_id: fields.triggerId ?? newTriggerId(),
  };
}

/** Form-encoded slash command body for `postSigned`. */
export function slashCommandBody(fields: SlashCommandFields): string {
  return new URLSearchParams(slashCommandPayload(fields)).toString();
}

// ---------------------------------------------------------------------------------------------------------
// Interactivity: every interactive request is one form field `payload` holding JSON.

/** Wraps an interactive payload object as Slack's form body (`payload=<JSON>`). */
export function interactiveBody(payload: object): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export interface BlockActionsParams {
  userId?: string;
  userName?: string;
  channelId?: string;
  teamId?: string;
  messageTs: string;
  threadTs?: string;
  actionId: string;
  blockId?: string;
  /** A button's value. */
  value?: string;
  /** Sends a `static_select` action with this option selected instead of a button. */
  selectedOption?: { value: string; text?: string };
  /** The blocks of the message that held the button (Slack sends the whole message). */
  messageBlocks?: unknown[];
  messageText?: string;
  /** A button on an ephemeral message: Slack sends no `message` then. */
  ephemeral?: boolean;
  triggerId?: string;
  responseUrl?: string;
  apiAppId?: string;
  botUserId?: string;
  botId?: string;
}

export function blockActionsPayload(p: BlockActionsParams): Record<string, unknown> {
  const teamId = p.teamId ?? DEFAULT_TEAM_ID;
  const userId = p.userId ?? DEFAULT_USER_ID;
  const channelId = p.channelId ?? DEFAULT_CHANNEL_ID;
  const blockId = p.blockId ?? 'actions';
  const action: Record<string, unknown> =
    p.selectedOption !== undefined
      ? {
          type: 'static_select',
          action_id: p.actionId,
          block_id: blockId,
          selected_option: {
            text: { type: 'plain_text', text: p.selectedOption.text ?? p.selectedOption.value, emoji: true },
            value: p.selectedOption.value,
          },
          placeholder: { type: 'plain_text', text: 'Choose', emoji: true },
          action_ts: newActionTs(),
        }
      : {
          type: 'button',
          action_id: p.actionId,
          block_id: blockId,
          text: { type: 'plain_text', text: p.actionId, emoji: true },
          value: p.value ?? '',
          action_ts: newActionTs(),
        };
  const payload: Record<string, unknown> = {
    type: 'block_actions',
    user: { id: userId, username: p.userName ?? 'tester', name: p.userName ?? 'tester', team_id: teamId },
    api_app_id: p.apiAppId ?? DEFAULT_API_APP_ID,
    token: LEGACY_TOKEN,
    container: {
      type: 'message',
      message_ts: p.messageTs,
      channel_id: channelId,
      is_ephemeral: p.ephemeral === true,
      ...(p.threadTs !== undefined ? { thread_ts: p.threadTs } : {}),
    },
    trigger_id: p.triggerId ?? newTriggerId(),
    team: { id: teamId, domain: DEFAULT_TEAM_DOMAIN },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channelId, name: 'support' },
    state: { values: {} },
    response_url: p.responseUrl ?? UNSET_RESPONSE_URL,
    actions: [action],
  };
  if (p.ephemeral !== true) {
    payload.message = {
      type: 'message',
      subtype: 'bot_message',
      user: p.botUserId ?? 'U0BOT',
      bot_id: p.botId ?? 'B0BOT',
      app_id: p.apiAppId ?? DEFAULT_API_APP_ID,
      text: p.messageText ?? '',
      ts: p.messageTs,
      ...(p.threadTs !== undefined ? { thread_ts: p.threadTs } : {}),
      blocks: p.messageBlocks ?? [],
      team: teamId,
    };
  }
  return payload;
}

export function blockActionsBody(p: BlockActionsParams): string {
  return interactiveBody(blockActionsPayload(p));
}

export type ViewStateValue = {
  type: string;
  value?: string | null;
  selected_option?: { value: string; text?: { type: 'plain_text'; text: string } } | null;
  [key: string]: unknown;
};

export interface ViewSubmissionParams {
  userId?: string;
  userName?: string;
  teamId?: string;
  callbackId: string;
  privateMetadata: string;
  /** `state.values`: block_id → action_id → value. */
  values: Record<string, Record<string, ViewStateValue>>;
  viewId?: string;
  hash?: string;
  externalId?: string;
  /** The blocks of the submitted view; some handlers read labels from them. */
  blocks?: unknown[];
  title?: string;
  triggerId?: string;
  apiAppId?: string;
  /** Present when the modal asked for `response_url_enabled`; Bolt's respond() then uses the first one. */
  responseUrls?: { block_id: string; action_id: string; channel_id: string; response_url: string }[];
}

let viewSeq = 0;
function newViewId(): string {
  viewSeq += 1;
  return `V0SUB${String(viewSeq).padStart(5, '0')}`;
}

function modalView(p: {
  viewId?: string;
  teamId: string;
  callbackId: string;
  privateMetadata: string;
  hash?: string;
  externalId?: string;
  blocks?: unknown[];
  title?: string;
  apiAppId: string;
  values: Record<string, Record<string, ViewStateValue>>;
}): Record<string, unknown> {
  const id = p.viewId ?? newViewId();
  return {
    id,
    team_id: p.teamId,
    type: 'modal',
    blocks: p.blocks ?? [],
    private_metadata: p.privateMetadata,
    callback_id: p.callbackId,
    state: { values: p.values },
    hash: p.hash ?? `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString('hex')}`,
    title: { type: 'plain_text', text: p.title ?? 'phlo', emoji: true },
    clear_on_close: false,
    notify_on_close: false,
    close: null,
    submit: { type: 'plain_text', text: 'Submit', emoji: true },
    previous_view_id: null,
    root_view_id: id,
    app_id: p.apiAppId,
    external_id: p.externalId ?? '',
    app_installed_team_id: p.teamId,
    bot_id: 'B0BOT',
  };
}

export function viewSubmissionPayload(p: ViewSubmissionParams): Record<string, unknown> {
  const teamId = p.teamId ?? DEFAULT_TEAM_ID;
  const userId = p.userId ?? DEFAULT_USER_ID;
  const apiAppId = p.apiAppId ?? DEFAULT_API_APP_ID;
  return {
    type: 'view_submission',
    team: { id: teamId, domain: DEFAULT_TEAM_DOMAIN },
    user: { id: userId, username: p.userName ?? 'tester', name: p.userName ?? 'tester', team_id: teamId },
    api_app_id: apiAppId,
    token: LEGACY_TOKEN,
    trigger_id: p.triggerId ?? newTriggerId(),
    view: modalView({ ...p, teamId, apiAppId }),
    response_urls: p.responseUrls ?? [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

export function viewSubmissionBody(p: ViewSubmissionParams): string {
  return interactiveBody(viewSubmissionPayload(p));
}

export interface ViewClosedParams {
  userId?: string;
  teamId?: string;
  callbackId: string;
  privateMetadata?: string;
  viewId?: string;
  apiAppId?: string;
}

export function viewClosedPayload(p: ViewClosedParams): Record<string, unknown> {
  const teamId = p.teamId ?? DEFAULT_TEAM_ID;
  const apiAppId = p.apiAppId ?? DEFAULT_API_APP_ID;
  return {
    type: 'view_closed',
    team: { id: teamId, domain: DEFAULT_TEAM_DOMAIN },
    user: { id: p.userId ?? DEFAULT_USER_ID, username: 'tester', name: 'tester', team_id: teamId },
    api_app_id: apiAppId,
    token: LEGACY_TOKEN,
    view: modalView({
      teamId,
      apiAppId,
      callbackId: p.callbackId,
      privateMetadata: p.privateMetadata ?? '',
      values: {},
      ...(p.viewId !== undefined ? { viewId: p.viewId } : {}),
    }),
    is_cleared: false,
    is_enterprise_install: false,
    enterprise: null,
  };
}

export function viewClosedBody(p: ViewClosedParams): string {
  return interactiveBody(viewClosedPayload(p));
}

export interface BlockSuggestionParams {
  userId?: string;
  teamId?: string;
  actionId: string;
  blockId: string;
  value: string;
  viewId?: string;
  callbackId?: string;
  privateMetadata?: string;
  apiAppId?: string;
}

/** An `external_select` asking for options (answered with `ack({options})`). */
export function blockSuggestionPayload(p: BlockSuggestionParams): Record<string, unknown> {
  const teamId = p.teamId ?? DEFAULT_TEAM_ID;
  const apiAppId = p.apiAppId ?? DEFAULT_API_APP_ID;
  const view = modalView({
    teamId,
    apiAppId,
    callbackId: p.callbackId ?? '',
    privateMetadata: p.privateMetadata ?? '',
    values: {},
    ...(p.viewId !== undefined ? { viewId: p.viewId } : {}),
  });
  return {
    type: 'block_suggestion',
    user: { id: p.userId ?? DEFAULT_USER_ID, username: 'tester', name: 'tester', team_id: teamId },
    container: { type: 'view', view_id: view.id },
    api_app_id: apiAppId,
    token: LEGACY_TOKEN,
    action_id: p.actionId,
    block_id: p.blockId,
    value: p.value,
    team: { id: teamId, domain: DEFAULT_TEAM_DOMAIN },
    enterprise: null,
    is_enterprise_install: false,
    view,
  };
}

export function blockSuggestionBody(p: BlockSuggestionParams): string {
  return interactiveBody(blockSuggestionPayload(p));
}

// ---------------------------------------------------------------------------------------------------------
// Events API (App Home)

let eventSeq = 0;
/** An Events API `event_callback` wrapping `event` (e.g. `{type:'app_home_opened', user, tab:'home'}`). */
export function eventCallbackPayload(
  event: Record<string, unknown>,
  options: { teamId?: string; apiAppId?: string; botUserId?: string } = {},
): Record<string, unknown> {
  eventSeq += 1;
  const teamId = options.teamId ?? DEFAULT_TEAM_ID;
  return {
    token: LEGACY_TOKEN,
    team_id: teamId,
    api_app_id: options.apiAppId ?? DEFAULT_API_APP_ID,
    event: { event_ts: newActionTs(), ...event },
    type: 'event_callback',
    event_id: `Ev0FAKE${String(eventSeq).padStart(5, '0')}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: teamId,
        user_id: options.botUserId ?? 'U0BOT',
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
  };
}
