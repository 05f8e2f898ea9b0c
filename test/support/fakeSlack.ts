// A local fake of the Slack Web API, spoken to over real HTTP by the real @slack/web-api client (point
// `slackApiUrl` / SLACK_API_URL at `apiUrl`). It records every call, answers with Slack's documented shapes,
// keeps just enough state (messages, views, uploads) to answer consistently, and enforces the Block Kit
// limits and trigger_id rules that real Slack enforces, so builder bugs fail here rather than in production.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WaitList } from './wait.js';

export interface SlackCall {
  method: string;
  /** Arguments as sent; JSON-encoded fields (`blocks`, `view`, `files`, …) are decoded back to objects. */
  args: Record<string, unknown>;
  token?: string;
  at: number;
  /** HTTP status answered; undefined while a `hang` failure holds the request. */
  status?: number;
  /** The JSON body answered (e.g. `response.ts` of a posted message). */
  response?: Record<string, unknown>;
}

export interface RecordedResponse {
  /** The id given to `responseUrl(id)`. */
  id: string;
  url: string;
  body: Record<string, unknown>;
  at: number;
}

export interface RecordedUpload {
  fileId: string;
  filename: string;
  /** The length announced to files.getUploadURLExternal. */
  length: number;
  altText?: string;
  /** Bytes POSTed to the upload URL (empty until then). */
  content: Buffer;
  uploaded: boolean;
  completed: boolean;
  title?: string;
  channelId?: string;
  threadTs?: string;
  initialComment?: string;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  blocks?: unknown;
  /** How many chat.update calls changed it. */
  updates: number;
  deleted: boolean;
}

export type SlackFailure = { status: number; retryAfterSeconds?: number } | { error: string } | { hang: true };

export interface FakeSlackOptions {
  teamId?: string;
  teamDomain?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
  /** What apps.connections.open answers; can be set later with setSocketModeUrl. */
  socketModeUrl?: string;
  /**
   * How long a trigger_id made by slackRequests' builders stays valid (Slack: 3 s). 0 disables the check.
   * Trigger ids of any other shape are accepted without a check.
   */
  triggerTtlMs?: number;
}

export interface FakeSlack {
  /** e.g. `http://127.0.0.1:PORT/api/`: ends in `/api/`, as SLACK_API_URL expects. */
  readonly apiUrl: string;
  /** Origin of the server, e.g. `http://127.0.0.1:PORT`. */
  readonly baseUrl: string;
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly calls: SlackCall[];
  readonly responses: RecordedResponse[];
  readonly uploads: RecordedUpload[];
  callsTo(method: string): SlackCall[];
  /** First matching call already recorded or arriving later; rejects listing the calls seen on timeout. */
  waitForCall(method: string, predicate?: (call: SlackCall) => boolean, timeoutMs?: number): Promise<SlackCall>;
  /** A URL on this server that records what `respond()` posts and answers 200 "ok". */
  responseUrl(id?: string): string;
  waitForResponse(predicate?: (response: RecordedResponse) => boolean, timeoutMs?: number): Promise<RecordedResponse>;
  /** What usergroups.users.list answers for `usergroup`; unknown groups answer `no_such_subteam`. */
  setUserGroup(groupId: string, userIds: string[]): void;
  /**
   * Makes the next `times` (default 1) calls of `method` fail. `method` may also be `response_url` or
   * `upload_url` for those endpoints (an `{error}` failure there answers 404 with the error as text).
   */
  failNext(method: string, failure: SlackFailure, times?: number): void;
  setSocketModeUrl(url: string): void;
  /** The message as last posted or updated, if this fake saw it. */
  message(channel: string, ts: string): StoredMessage | undefined;
  /** Replies posted into a thread, oldest first. */
  threadReplies(channel: string, threadTs: string): StoredMessage[];
  /** A view opened, pushed or updated, by view id or external_id. */
  view(idOrExternalId: string): Record<string, unknown> | undefined;
  /** The Home tab last published for a user. */
  homeView(userId: string): Record<string, unknown> | undefined;
  /** Forgets recorded calls, responses, uploads, messages, views and queued failures; keeps configuration. */
  reset(): void;
  close(): Promise<void>;
}

const JSON_FIELDS = new Set([
  'blocks',
  'attachments',
  'view',
  'files',
  'metadata',
  'unfurls',
  'user_auth_blocks',
  'options',
  'option_groups',
]);

type Json = Record<string, unknown>;
type Answer = { status: number; body: Json; headers?: Record<string, string> };

class SlackError extends Error {
  constructor(
    readonly code: string,
    readonly extra: Json = {},
  ) {
    super(code);
  }
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function requireStr(args: Json, key: string, error: string): string {
  const value = str(args[key]);
  if (value === undefined || value === '') throw new SlackError(error);
  return value;
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const teamId = options.teamId ?? 'T0TEAM';
  const teamDomain = options.teamDomain ?? 'fake-team';
  const botUserId = options.botUserId ?? 'U0BOT';
  const botId = options.botId ?? 'B0BOT';
  const appId = options.appId ?? 'A0APP';
  const triggerTtlMs = options.triggerTtlMs ?? 3000;
  let socketModeUrl = options.socketModeUrl;

  const calls = new WaitList<SlackCall>();
  const responses = new WaitList<RecordedResponse>();
  const uploads = new Map<string, RecordedUpload>();
  const uploadList: RecordedUpload[] = [];
  const failures = new Map<string, { failure: SlackFailure; remaining: number }[]>();
  const userGroups = new Map<string, string[]>();
  const messages = new Map<string, StoredMessage>();
  const views = new Map<string, Json>();
  const externalIds = new Map<string, string>();
  const homeViews = new Map<string, Json>();
  const dmChannels = new Map<string, string>();
  const usedTriggers = new Set<string>();
  const hanging = new Set<ServerResponse>();
  let seq = 0;
  let lastMicros = 0;
  let baseUrl = '';

  const nextId = (prefix: string): string => {
    seq += 1;
    return `${prefix}0FAKE${String(seq).padStart(6, '0')}`;
  };
  // Unique, increasing and close to now, like Slack's `seconds.micros` message timestamps.
  const nextTs = (): string => {
    const micros = Math.max(Date.now() * 1000, lastMicros + 100);
    lastMicros = micros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
  };
  const newHash = (): string => `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString('hex')}`;
  const msgKey = (channel: string, ts: string): string => `${channel}/${ts}`;

  const takeFailure = (key: string): SlackFailure | undefined => {
    const queue = failures.get(key);
    const head = queue?.[0];
    if (queue === undefined || head === undefined) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) queue.shift();
    return head.failure;
  };

  const checkTrigger = (triggerId: string): void => {
    // Builders in slackRequests.ts encode the issue time: `<seq>.<epoch ms>.<hex>`.
    const match = /^\d+\.(\d{13})\.[0-9a-f]+$/.exec(triggerId);
    if (match?.[1] === undefined) return;
    if (usedTriggers.has(triggerId)) throw new SlackError('trigger_exchanged');
    if (triggerTtlMs > 0 && Date.now() - Number(match[1]) > triggerTtlMs) throw new SlackError('expired_trigger_id');
    usedTriggers.add(triggerId);
  };

  const messageJson = (m: StoredMessage): Json => ({
    user: botUserId,
    type: 'message',
    ts: m.ts,
    bot_id: botId,
    app_id: appId,
    text: m.text ?? '',
    team: teamId,
    ...(m.blocks !== undefined ? { blocks: m.blocks } : {}),
    ...(m.thread_ts !== undefined ? { thread_ts: m.thread_ts } : {}),
    ...(m.updates > 0 ? { edited: { user: botUserId, ts: nextTs() } } : {}),
  });

  const checkMessageContent = (args: Json, requireContent: boolean): void => {
    const text = str(args.text);
    if (text !== undefined && text.length > 40_000) throw new SlackError('msg_too_long');
    if (typeof args.blocks === 'string') throw new SlackError('invalid_blocks_format');
    if (args.blocks !== undefined) {
      const problems = validateBlocks(args.blocks, 'message', '/blocks');
      if (problems.length > 0) {
        throw new SlackError('invalid_blocks', {
          errors: problems,
          response_metadata: { messages: problems.map((p) => `[ERROR] ${p}`) },
        });
      }
    }
    const hasContent =
      (text !== undefined && text !== '') ||
      (Array.isArray(args.blocks) && args.blocks.length > 0) ||
      (Array.isArray(args.attachments) && args.attachments.length > 0);
    if (requireContent && !hasContent) throw new SlackError('no_text');
  };

  const storeView = (view: Json, extra: Json): Json => {
    const id = str(extra.id) ?? nextId('V');
    const stored: Json = {
      id,
      team_id: teamId,
      type: view.type,
      blocks: [],
      private_metadata: '',
      callback_id: '',
      state: { values: {} },
      hash: newHash(),
      clear_on_close: false,
      notify_on_close: false,
      close: null,
      submit: null,
      previous_view_id: null,
      root_view_id: id,
      app_id: appId,
      external_id: '',
      app_installed_team_id: teamId,
      bot_id: botId,
      ...view,
      ...extra,
    };
    stored.id = id;
    views.set(id, stored);
    const externalId = str(stored.external_id);
    if (externalId !== undefined && externalId !== '') externalIds.set(externalId, id);
    return stored;
  };

  const viewArg = (args: Json, surface: 'modal' | 'home'): Json => {
    const view = args.view;
    if (!isRecord(view)) throw new SlackError('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: view'] } });
    const problems = validateView(view, surface);
    if (problems.length > 0) {
      throw new SlackError('invalid_arguments', { response_metadata: { messages: problems.map((p) => `[ERROR] ${p}`) } });
    }
    return view;
  };

  const findView = (args: Json): Json => {
    const viewId = str(args.view_id);
    const externalId = str(args.external_id);
    const id = viewId ?? (externalId !== undefined ? externalIds.get(externalId) : undefined);
    const existing = id !== undefined ? views.get(id) : undefined;
    if (existing === undefined) throw new SlackError('not_found');
    const hash = str(args.hash);
    if (hash !== undefined && hash !== existing.hash) throw new SlackError('hash_conflict');
    return existing;
  };

  const handlers: Record<string, (args: Json, token: string) => Json> = {
    'api.test': (args) => ({ args }),
    'auth.test': () => ({
      url: `https://${teamDomain}.slack.test/`,
      team: 'Fake Team',
      user: 'phlo-bot',
      team_id: teamId,
      user_id: botUserId,
      bot_id: botId,
      is_enterprise_install: false,
    }),
    'apps.connections.open': () => {
      if (socketModeUrl === undefined) {
        // invalid_auth is one of the errors @slack/socket-mode gives up on at once, so start() fails fast.
        throw new SlackError('invalid_auth', { detail: 'fakeSlack: setSocketModeUrl() was not called' });
      }
      return { url: socketModeUrl };
    },
    'chat.postMessage': (args) => {
      const channel = requireStr(args, 'channel', 'channel_not_found');
      checkMessageContent(args, true);
      const threadTs = str(args.thread_ts);
      const m: StoredMessage = {
        channel,
        ts: nextTs(),
        ...(threadTs !== undefined && threadTs !== '' ? { thread_ts: threadTs } : {}),
        ...(str(args.text) !== undefined ? { text: str(args.text) } : {}),
        ...(args.blocks !== undefined ? { blocks: args.blocks } : {}),
        updates: 0,
        deleted: false,
      };
      messages.set(msgKey(channel, m.ts), m);
      return { channel, ts: m.ts, message: messageJson(m) };
    },
    'chat.update': (args) => {
      const channel = requireStr(args, 'channel', 'channel_not_found');
      const ts = requireStr(args, 'ts', 'message_not_found');
      checkMessageContent(args, false);
      // Lenient: a message this fake never saw (a hand-made block_actions body) is created on update.
      const m = messages.get(msgKey(channel, ts)) ?? { channel, ts, updates: 0, deleted: false };
      if (m.deleted) throw new SlackError('message_not_found');
      const text = str(args.text);
      if (text !== undefined) m.text = text;
      if (args.blocks !== undefined) m.blocks = args.blocks;
      m.updates += 1;
      messages.set(msgKey(channel, ts), m);
      return { channel, ts, text: m.text ?? '', message: messageJson(m) };
    },
    'chat.delete': (args) => {
      const channel = requireStr(args, 'channel', 'channel_not_found');
      const ts = requireStr(args, 'ts', 'message_not_found');
      const m = messages.get(msgKey(channel, ts));
      if (m !== undefined) m.deleted = true;
      return { channel, ts };
    },
    'chat.postEphemeral': (args) => {
      requireStr(args, 'channel', 'channel_not_found');
      requireStr(args, 'user', 'user_not_in_channel');
      checkMessageContent(args, true);
      return { message_ts: nextTs() };
    },
    'chat.getPermalink': (args) => {
      const channel = requireStr(args, 'channel', 'channel_not_found');
      const ts = requireStr(args, 'message_ts', 'message_not_found');
      const m = messages.get(msgKey(channel, ts));
      const base = `https://${teamDomain}.slack.test/archives/${channel}/p${ts.replace('.', '')}`;
      const threadTs = m?.thread_ts;
      const permalink =
        threadTs !== undefined && threadTs !== ts ? `${base}?thread_ts=${threadTs}&cid=${channel}` : base;
      return { channel, permalink };
    },
    'views.open': (args) => {
      const view = viewArg(args, 'modal');
      checkTrigger(requireStr(args, 'trigger_id', 'invalid_trigger_id'));
      return { view: storeView(view, {}) };
    },
    'views.push': (args) => {
      const view = viewArg(args, 'modal');
      checkTrigger(requireStr(args, 'trigger_id', 'invalid_trigger_id'));
      return { view: storeView(view, {}) };
    },
    'views.update': (args) => {
      const existing = findView(args);
      const view = viewArg(args, existing.type === 'home' ? 'home' : 'modal');
      return {
        view: storeView(view, {
          id: existing.id,
          root_view_id: existing.root_view_id,
          previous_view_id: existing.previous_view_id,
          hash: newHash(),
        }),
      };
    },
    'views.publish': (args) => {
      const userId = requireStr(args, 'user_id', 'user_not_found');
      const view = viewArg(args, 'home');
      const previous = homeViews.get(userId);
      const hash = str(args.hash);
      if (hash !== undefined && previous !== undefined && hash !== previous.hash) throw new SlackError('hash_conflict');
      const stored = storeView(view, previous !== undefined ? { id: previous.id, hash: newHash() } : {});
      homeViews.set(userId, stored);
      return { view: stored };
    },
    'usergroups.users.list': (args) => {
      const group = requireStr(args, 'usergroup', 'no_such_subteam');
      const users = userGroups.get(group);
      if (users === undefined) throw new SlackError('no_such_subteam');
      return { users: [...users] };
    },
    'users.info': (args) => {
      const user = requireStr(args, 'user', 'user_not_found');
      return {
        user: {
          id: user,
          team_id: teamId,
          name: user.toLowerCase(),
          real_name: `User ${user}`,
          deleted: false,
          is_bot: false,
          tz: 'America/Los_Angeles',
          tz_label: 'Pacific Standard Time',
          tz_offset: -28800,
          profile: { real_name: `User ${user}`, display_name: user.toLowerCase() },
        },
      };
    },
    'conversations.info': (args) => {
      const channel = requireStr(args, 'channel', 'channel_not_found');
      return {
        channel: {
          id: channel,
          name: channel.toLowerCase(),
          name_normalized: channel.toLowerCase(),
          is_channel: true,
          is_group: false,
          is_im: false,
          is_private: false,
          is_archived: false,
          is_member: true,
          created: 1_700_000_000,
        },
      };
    },
    'conversations.open': (args) => {
      // One DM per user, the same id every time, as Slack answers for an existing DM.
      const users = requireStr(args, 'users', 'users_list_not_supplied');
      if (users.includes(',')) throw new SlackError('not_allowed_token_type', { detail: 'fakeSlack: multi-person DMs are not faked' });
      const id = dmChannels.get(users) ?? nextId('D');
      dmChannels.set(users, id);
      return { channel: { id } };
    },
    'files.getUploadURLExternal': (args) => {
      const filename = requireStr(args, 'filename', 'invalid_arguments');
      const length = Number(requireStr(args, 'length', 'invalid_arguments'));
      if (!Number.isInteger(length) || length < 0) throw new SlackError('invalid_arguments');
      const fileId = nextId('F');
      const upload: RecordedUpload = {
        fileId,
        filename,
        length,
        content: Buffer.alloc(0),
        uploaded: false,
        completed: false,
        ...(str(args.alt_txt ?? args.alt_text) !== undefined ? { altText: str(args.alt_txt ?? args.alt_text) } : {}),
      };
      uploads.set(fileId, upload);
      uploadList.push(upload);
      return { upload_url: `${baseUrl}/upload/v1/${fileId}`, file_id: fileId };
    },
    'files.completeUploadExternal': (args) => {
      const files = args.files;
      if (!Array.isArray(files) || files.length === 0) throw new SlackError('invalid_arguments');
      const channelId = str(args.channel_id) ?? str(args.channels);
      const threadTs = str(args.thread_ts);
      const initialComment = str(args.initial_comment);
      const done: Json[] = [];
      for (const entry of files) {
        const id = isRecord(entry) ? str(entry.id) : undefined;
        const upload = id !== undefined ? uploads.get(id) : undefined;
        if (upload === undefined || !upload.uploaded) throw new SlackError('file_not_found');
        upload.completed = true;
        const title = isRecord(entry) ? str(entry.title) : undefined;
        if (title !== undefined) upload.title = title;
        if (channelId !== undefined) upload.channelId = channelId;
        if (threadTs !== undefined) upload.threadTs = threadTs;
        if (initialComment !== undefined) upload.initialComment = initialComment;
        done.push({
          id: upload.fileId,
          created: Math.floor(Date.now() / 1000),
          timestamp: Math.floor(Date.now() / 1000),
          name: upload.filename,
          title: upload.title ?? upload.filename,
          mimetype: '',
          filetype: '',
          user: botUserId,
          size: upload.content.length,
          permalink: `https://${teamDomain}.slack.test/files/${botUserId}/${upload.fileId}/${upload.filename}`,
          channels: channelId !== undefined ? [channelId] : [],
          shares: {},
        });
      }
      return { files: done };
    },
  };

  const answerApi = (method: string, args: Json, token: string | undefined): Answer => {
    const handler = handlers[method];
    if (handler === undefined) return { status: 200, body: { ok: false, error: 'unknown_method' } };
    if (token === undefined || token === '') return { status: 200, body: { ok: false, error: 'not_authed' } };
    const isAppToken = token.startsWith('xapp-');
    if (method === 'apps.connections.open' && !isAppToken) {
      // Real Slack wants the app-level token here; a bot token is the classic Socket Mode misconfiguration.
      return { status: 200, body: { ok: false, error: 'invalid_auth', detail: 'apps.connections.open needs an xapp- token' } };
    }
    if (isAppToken && method !== 'apps.connections.open' && method !== 'auth.test' && method !== 'api.test') {
      return { status: 200, body: { ok: false, error: 'not_allowed_token_type' } };
    }
    try {
      return { status: 200, body: { ok: true, ...handler(args, token) } };
    } catch (error) {
      if (error instanceof SlackError) return { status: 200, body: { ok: false, error: error.code, ...error.extra } };
      throw error;
    }
  };

  const failureAnswer = (failure: SlackFailure, textEndpoint: boolean): Answer | 'hang' => {
    if ('hang' in failure) return 'hang';
    if ('error' in failure) {
      return textEndpoint
        ? { status: 404, body: { error: failure.error } }
        : { status: 200, body: { ok: false, error: failure.error } };
    }
    const headers: Record<string, string> = {};
    if (failure.retryAfterSeconds !== undefined) headers['retry-after'] = String(failure.retryAfterSeconds);
    const error = failure.status === 429 ? 'ratelimited' : `fake_http_${failure.status}`;
    return { status: failure.status, body: { ok: false, error }, headers };
  };

  const send = (res: ServerResponse, answer: Answer): void => {
    res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
    res.end(JSON.stringify(answer.body));
  };

  const sendText = (res: ServerResponse, status: number, text: string): void => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(text);
  };

  const hang = (res: ServerResponse): void => {
    hanging.add(res);
    res.on('close', () => hanging.delete(res));
  };

  const handleApi = async (req: IncomingMessage, res: ServerResponse, method: string): Promise<void> => {
    const body = await readBody(req);
    const args = await parseArgs(req, body);
    const auth = req.headers.authorization;
    const bearer = auth !== undefined && /^Bearer\s+/i.test(auth) ? auth.replace(/^Bearer\s+/i, '') : undefined;
    const token = bearer ?? str(args.token);
    const call: SlackCall = { method, args, at: Date.now(), ...(token !== undefined ? { token } : {}) };
    const failure = takeFailure(method);
    const answer = failure !== undefined ? failureAnswer(failure, false) : answerApi(method, args, token);
    if (answer === 'hang') {
      calls.push(call);
      hang(res);
      return;
    }
    call.status = answer.status;
    call.response = answer.body;
    calls.push(call);
    send(res, answer);
  };

  const handleUpload = async (req: IncomingMessage, res: ServerResponse, fileId: string): Promise<void> => {
    const body = await readBody(req);
    const failure = takeFailure('upload_url');
    if (failure !== undefined) {
      const answer = failureAnswer(failure, true);
      if (answer === 'hang') return hang(res);
      return sendText(res, answer.status, str(answer.body.error) ?? 'error');
    }
    const upload = uploads.get(fileId);
    if (upload === undefined) return sendText(res, 404, 'file_not_found');
    upload.content = await uploadedBytes(req, body);
    upload.uploaded = true;
    sendText(res, 200, `OK - ${upload.content.length}`);
  };

  const handleResponseUrl = async (req: IncomingMessage, res: ServerResponse, id: string): Promise<void> => {
    const body = await readBody(req);
    const failure = takeFailure('response_url');
    if (failure !== undefined) {
      const answer = failureAnswer(failure, true);
      if (answer === 'hang') return hang(res);
      return sendText(res, answer.status, str(answer.body.error) ?? 'error');
    }
    const parsed = await parseArgs(req, body);
    responses.push({ id, url: `${baseUrl}${req.url ?? ''}`, body: parsed, at: Date.now() });
    sendText(res, 200, 'ok');
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const api = /^\/api\/([A-Za-z0-9_.]+)$/.exec(path);
    if (api?.[1] !== undefined) return handleApi(req, res, api[1]);
    const upload = /^\/upload\/v1\/([A-Za-z0-9]+)$/.exec(path);
    if (upload?.[1] !== undefined && req.method === 'POST') return handleUpload(req, res, upload[1]);
    const response = /^\/response\/([^/]+)$/.exec(path);
    if (response?.[1] !== undefined && req.method === 'POST') {
      return handleResponseUrl(req, res, decodeURIComponent(response[1]));
    }
    sendText(res, 404, 'not found');
  };

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      // A bug in the fake must surface in the test, not as a hung request.
      if (!res.headersSent) sendText(res, 500, `fakeSlack error: ${error instanceof Error ? error.stack : String(error)}`);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  const describeCalls = (): string =>
    calls.items.length === 0
      ? '(none)'
      : calls.items.map((c) => `\n  ${c.method} ${truncate(JSON.stringify(c.args), 200)} → ${c.status ?? 'hang'}`).join('');

  let closed = false;
  let responseSeq = 0;

  return {
    apiUrl: `${baseUrl}/api/`,
    baseUrl,
    teamId,
    botUserId,
    botId,
    calls: calls.items,
    responses: responses.items,
    uploads: uploadList,
    callsTo: (method) => calls.items.filter((c) => c.method === method),
    waitForCall: (method, predicate, timeoutMs = 5000) =>
      calls.waitFor(
        (c) => c.method === method && (predicate === undefined || predicate(c)),
        timeoutMs,
        () =>
          `fakeSlack: no ${method} call${predicate !== undefined ? ' matching the predicate' : ''} within ${timeoutMs} ms; calls seen: ${describeCalls()}`,
      ),
    responseUrl: (id) => {
      responseSeq += 1;
      return `${baseUrl}/response/${encodeURIComponent(id ?? `r${responseSeq}`)}`;
    },
    waitForResponse: (predicate, timeoutMs = 5000) =>
      responses.waitFor(
        (r) => predicate === undefined || predicate(r),
        timeoutMs,
        () =>
          `fakeSlack: no response_url post${predicate !== undefined ? ' matching the predicate' : ''} within ${timeoutMs} ms; posts seen: ${
            responses.items.length === 0
              ? '(none)'
              : responses.items.map((r) => `\n  ${r.id} ${truncate(JSON.stringify(r.body), 200)}`).join('')
          }; calls seen: ${describeCalls()}`,
      ),
    setUserGroup: (groupId, userIds) => {
      userGroups.set(groupId, [...userIds]);
    },
    failNext: (method, failure, times = 1) => {
      const queue = failures.get(method) ?? [];
      queue.push({ failure, remaining: times });
      failures.set(method, queue);
    },
    setSocketModeUrl: (url) => {
      socketModeUrl = url;
    },
    message: (channel, ts) => messages.get(msgKey(channel, ts)),
    threadReplies: (channel, threadTs) =>
      [...messages.values()].filter((m) => m.channel === channel && m.thread_ts === threadTs && m.ts !== threadTs),
    view: (idOrExternalId) => views.get(idOrExternalId) ?? views.get(externalIds.get(idOrExternalId) ?? ''),
    homeView: (userId) => homeViews.get(userId),
    reset: () => {
      calls.clear();
      responses.clear();
      uploads.clear();
      uploadList.length = 0;
      failures.clear();
      messages.clear();
      views.clear();
      externalIds.clear();
      homeViews.clear();
      usedTriggers.clear();
    },
    close: async () => {
      if (closed) return;
      closed = true;
      calls.rejectAll('fakeSlack closed');
      responses.rejectAll('fakeSlack closed');
      for (const res of hanging) res.destroy();
      hanging.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets from undici would otherwise hold close() open.
        server.closeAllConnections();
      });
    },
  };
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function decodeField(key: string, value: string): unknown {
  if (!JSON_FIELDS.has(key)) return value;
  const trimmed = value.trimStart();
  if (!trimmed.startsWith('[') && !trimmed.startsWith('{')) return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed;
  } catch {
    // Left as a string: the handler answers it as Slack would answer malformed JSON.
    return value;
  }
}

/** Parses a request body the ways @slack/web-api sends it: form, multipart (binary args) or JSON. */
async function parseArgs(req: IncomingMessage, body: Buffer): Promise<Json> {
  const args: Json = {};
  const query = new URL(req.url ?? '/', 'http://fake').searchParams;
  for (const [key, value] of query) args[key] = decodeField(key, value);
  const contentType = req.headers['content-type'] ?? '';
  const lower = contentType.toLowerCase();
  if (lower.startsWith('application/json')) {
    if (body.length === 0) return args;
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (isRecord(parsed)) Object.assign(args, parsed);
    return args;
  }
  if (lower.startsWith('multipart/form-data')) {
    const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    for (const [key, value] of form) {
      args[key] =
        typeof value === 'string'
          ? decodeField(key, value)
          : { filename: value.name, type: value.type, content: Buffer.from(await value.arrayBuffer()) };
    }
    return args;
  }
  for (const [key, value] of new URLSearchParams(body.toString('utf8'))) args[key] = decodeField(key, value);
  return args;
}

/** The file bytes of an upload: the first file part of a multipart body, or the raw body. */
async function uploadedBytes(req: IncomingMessage, body: Buffer): Promise<Buffer> {
  const contentType = req.headers['content-type'] ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) return body;
  const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  for (const [, value] of form) {
    if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  }
  return Buffer.alloc(0);
}

// ---------------------------------------------------------------------------------------------------------
// Block Kit validation: the limits Slack enforces (see SLACK-NOTES.md), reported the way Slack words them.

type Surface = 'message' | 'modal' | 'home';

const KNOWN_BLOCKS = new Set([
  'section',
  'divider',
  'image',
  'actions',
  'context',
  'input',
  'header',
  'rich_text',
  'video',
  'file',
  'markdown',
  'call',
  'table',
]);

function tooLong(value: string, max: number, ptr: string, problems: string[]): void {
  if (value.length > max) problems.push(`must be less than ${max + 1} characters [json-pointer:${ptr}]`);
}

function checkText(
  obj: unknown,
  ptr: string,
  problems: string[],
  max: number,
  plainOnly = false,
): void {
  if (!isRecord(obj)) {
    problems.push(`must provide an object [json-pointer:${ptr}]`);
    return;
  }
  const allowed = plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
  if (typeof obj.type !== 'string' || !allowed.includes(obj.type)) {
    problems.push(`must be a valid enum value [json-pointer:${ptr}/type]`);
  }
  if (typeof obj.text !== 'string') {
    problems.push(`must provide a string [json-pointer:${ptr}/text]`);
    return;
  }
  if (obj.text.length === 0) problems.push(`must be more than 0 characters [json-pointer:${ptr}/text]`);
  tooLong(obj.text, max, `${ptr}/text`, problems);
}

function checkOption(option: unknown, ptr: string, problems: string[], plainOnly: boolean): void {
  if (!isRecord(option)) {
    problems.push(`must provide an object [json-pointer:${ptr}]`);
    return;
  }
  checkText(option.text, `${ptr}/text`, problems, 75, plainOnly);
  if (typeof option.value !== 'string') problems.push(`must provide a string [json-pointer:${ptr}/value]`);
  else tooLong(option.value, 150, `${ptr}/value`, problems);
  if (option.description !== undefined) checkText(option.description, `${ptr}/description`, problems, 75, true);
}

function checkOptions(list: unknown, ptr: string, problems: string[], min: number, max: number, plainOnly: boolean): void {
  if (!Array.isArray(list)) {
    problems.push(`must provide an array [json-pointer:${ptr}]`);
    return;
  }
  if (list.length < min) problems.push(`must provide at least ${min} items [json-pointer:${ptr}]`);
  if (list.length > max) problems.push(`must provide no more than ${max} items [json-pointer:${ptr}]`);
  list.forEach((option, i) => checkOption(option, `${ptr}/${i}`, problems, plainOnly));
}

function checkConfirm(confirm: unknown, ptr: string, problems: string[]): void {
  if (confirm === undefined) return;
  if (!isRecord(confirm)) {
    problems.push(`must provide an object [json-pointer:${ptr}]`);
    return;
  }
  checkText(confirm.title, `${ptr}/title`, problems, 100, true);
  checkText(confirm.text, `${ptr}/text`, problems, 300);
  checkText(confirm.confirm, `${ptr}/confirm`, problems, 30, true);
  checkText(confirm.deny, `${ptr}/deny`, problems, 30, true);
}

function checkElement(el: unknown, ptr: string, problems: string[]): void {
  if (!isRecord(el) || typeof el.type !== 'string') {
    problems.push(`must provide an object with a type [json-pointer:${ptr}]`);
    return;
  }
  if (el.action_id !== undefined) {
    if (typeof el.action_id !== 'string') problems.push(`must provide a string [json-pointer:${ptr}/action_id]`);
    else tooLong(el.action_id, 255, `${ptr}/action_id`, problems);
  }
  if (el.placeholder !== undefined) checkText(el.placeholder, `${ptr}/placeholder`, problems, 150, true);
  checkConfirm(el.confirm, `${ptr}/confirm`, problems);
  switch (el.type) {
    case 'button':
      checkText(el.text, `${ptr}/text`, problems, 75, true);
      if (el.value !== undefined) {
        if (typeof el.value !== 'string') problems.push(`must provide a string [json-pointer:${ptr}/value]`);
        else tooLong(el.value, 2000, `${ptr}/value`, problems);
      }
      if (typeof el.url === 'string') tooLong(el.url, 3000, `${ptr}/url`, problems);
      if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') {
        problems.push(`must be a valid enum value [json-pointer:${ptr}/style]`);
      }
      break;
    case 'static_select':
    case 'multi_static_select':
      if (el.option_groups !== undefined) {
        if (!Array.isArray(el.option_groups) || el.option_groups.length > 100) {
          problems.push(`must provide no more than 100 items [json-pointer:${ptr}/option_groups]`);
        } else {
          el.option_groups.forEach((group, i) => {
            if (isRecord(group)) checkOptions(group.options, `${ptr}/option_groups/${i}/options`, problems, 1, 100, true);
          });
        }
      } else {
        checkOptions(el.options, `${ptr}/options`, problems, 1, 100, true);
      }
      if (el.initial_option !== undefined) checkOption(el.initial_option, `${ptr}/initial_option`, problems, true);
      break;
    case 'radio_buttons':
    case 'checkboxes':
      checkOptions(el.options, `${ptr}/options`, problems, 1, 10, false);
      break;
    case 'overflow':
      checkOptions(el.options, `${ptr}/options`, problems, 1, 5, true);
      break;
    case 'plain_text_input':
      if (typeof el.initial_value === 'string') tooLong(el.initial_value, 3000, `${ptr}/initial_value`, problems);
      if (typeof el.max_length === 'number' && el.max_length > 3000) {
        problems.push(`must be less than 3001 [json-pointer:${ptr}/max_length]`);
      }
      break;
    default:
      break;
  }
}

function validateBlocks(blocks: unknown, surface: Surface, ptr: string): string[] {
  const problems: string[] = [];
  if (!Array.isArray(blocks)) return [`must provide an array [json-pointer:${ptr}]`];
  const max = surface === 'message' ? 50 : 100;
  if (blocks.length > max) problems.push(`must provide no more than ${max} items [json-pointer:${ptr}]`);
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => {
    const at = `${ptr}/${i}`;
    if (!isRecord(block) || typeof block.type !== 'string') {
      problems.push(`must provide an object with a type [json-pointer:${at}]`);
      return;
    }
    if (!KNOWN_BLOCKS.has(block.type)) problems.push(`must be a valid enum value [json-pointer:${at}/type]`);
    if (block.block_id !== undefined) {
      if (typeof block.block_id !== 'string') problems.push(`must provide a string [json-pointer:${at}/block_id]`);
      else {
        tooLong(block.block_id, 255, `${at}/block_id`, problems);
        if (blockIds.has(block.block_id)) problems.push(`duplicate block_id "${block.block_id}" [json-pointer:${at}/block_id]`);
        blockIds.add(block.block_id);
      }
    }
    switch (block.type) {
      case 'section':
        if (block.text === undefined && block.fields === undefined) {
          problems.push(`must provide either text or fields [json-pointer:${at}]`);
        }
        if (block.text !== undefined) checkText(block.text, `${at}/text`, problems, 3000);
        if (block.fields !== undefined) {
          if (!Array.isArray(block.fields)) problems.push(`must provide an array [json-pointer:${at}/fields]`);
          else {
            if (block.fields.length > 10) problems.push(`must provide no more than 10 items [json-pointer:${at}/fields]`);
            block.fields.forEach((field, j) => checkText(field, `${at}/fields/${j}`, problems, 2000));
          }
        }
        if (block.accessory !== undefined) checkElement(block.accessory, `${at}/accessory`, problems);
        break;
      case 'actions':
        if (!Array.isArray(block.elements) || block.elements.length === 0) {
          problems.push(`must provide at least 1 items [json-pointer:${at}/elements]`);
        } else {
          if (block.elements.length > 25) problems.push(`must provide no more than 25 items [json-pointer:${at}/elements]`);
          block.elements.forEach((el, j) => checkElement(el, `${at}/elements/${j}`, problems));
        }
        break;
      case 'context':
        if (!Array.isArray(block.elements) || block.elements.length === 0) {
          problems.push(`must provide at least 1 items [json-pointer:${at}/elements]`);
        } else {
          if (block.elements.length > 10) problems.push(`must provide no more than 10 items [json-pointer:${at}/elements]`);
          block.elements.forEach((el, j) => {
            if (isRecord(el) && el.type !== 'image') checkText(el, `${at}/elements/${j}`, problems, 3000);
          });
        }
        break;
      case 'header':
        checkText(block.text, `${at}/text`, problems, 150, true);
        break;
      case 'input':
        checkText(block.label, `${at}/label`, problems, 2000, true);
        if (block.hint !== undefined) checkText(block.hint, `${at}/hint`, problems, 2000, true);
        checkElement(block.element, `${at}/element`, problems);
        break;
      default:
        break;
    }
  });
  return problems;
}

function validateView(view: Json, surface: 'modal' | 'home'): string[] {
  const problems: string[] = [];
  if (view.type !== surface) problems.push(`must be "${surface}" here [json-pointer:/view/type]`);
  if (surface === 'modal') {
    checkText(view.title, '/view/title', problems, 24, true);
    if (view.submit !== undefined && view.submit !== null) checkText(view.submit, '/view/submit', problems, 24, true);
    if (view.close !== undefined && view.close !== null) checkText(view.close, '/view/close', problems, 24, true);
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isRecord(b) && b.type === 'input');
    if (hasInput && (view.submit === undefined || view.submit === null)) {
      problems.push('must provide submit when the blocks contain an input block [json-pointer:/view/submit]');
    }
  }
  if (typeof view.private_metadata === 'string') tooLong(view.private_metadata, 3000, '/view/private_metadata', problems);
  if (typeof view.callback_id === 'string') tooLong(view.callback_id, 255, '/view/callback_id', problems);
  if (typeof view.external_id === 'string') tooLong(view.external_id, 255, '/view/external_id', problems);
  problems.push(...validateBlocks(view.blocks, surface, '/view/blocks'));
  return problems;
}
