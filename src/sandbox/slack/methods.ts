// The Web API methods phlo-bot calls, answered with Slack's documented shapes and checks: Block Kit
// limits, trigger_id expiry and reuse, view hashes. State lives in SlackStore.
import { validateBlocks } from './blockKit.js';
import { isRecord, str, type Json } from './httpBody.js';
import { requireStr, SlackError, type MethodContext, type MethodHandler } from './methodContext.js';
import type { RecordedUpload, StoredMessage } from './types.js';
import { functionMethods } from './functions.js';
import { viewMethods } from './viewMethods.js';

export { SlackError } from './methodContext.js';

export function webApiMethods(ctx: MethodContext): Record<string, MethodHandler> {
  const { store } = ctx;
  const messageJson = (m: StoredMessage): Json => ({
    user: ctx.botUserId,
    type: 'message',
    ts: m.ts,
    bot_id: ctx.botId,
    app_id: ctx.appId,
    text: m.text ?? '',
    team: ctx.teamId,
    ...(m.blocks !== undefined ? { blocks: m.blocks } : {}),
    ...(m.thread_ts !== undefined ? { thread_ts: m.thread_ts } : {}),
    ...(m.updates > 0 ? { edited: { user: ctx.botUserId, ts: store.nextTs() } } : {}),
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

  return {
    'api.test': (args) => ({ args }),
    'auth.test': () => ({
      url: `https://${ctx.teamDomain}.slack.test/`,
      team: 'Fake Team',
      user: 'phlo-bot',
      team_id: ctx.teamId,
      user_id: ctx.botUserId,
      bot_id: ctx.botId,
      is_enterprise_install: false,
    }),
    'apps.connections.open': () => {
      const socketModeUrl = ctx.socketModeUrl();
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
        ts: store.nextTs(),
        ...(threadTs !== undefined && threadTs !== '' ? { thread_ts: threadTs } : {}),
        ...(str(args.text) !== undefined ? { text: str(args.text) } : {}),
        ...(args.blocks !== undefined ? { blocks: args.blocks } : {}),
        updates: 0,
        deleted: false,
      };
      store.putMessage(m);
      return { channel, ts: m.ts, message: messageJson(m) };
    },
    'chat.update': (args) => {
      const channel = requireStr(args, 'channel', 'channel_not_found');
      const ts = requireStr(args, 'ts', 'message_not_found');
      checkMessageContent(args, false);
      // Lenient: a message this fake never saw (a hand-made block_actions body) is created on update.
      const m = store.message(channel, ts) ?? { channel, ts, updates: 0, deleted: false };
      if (m.deleted) throw new SlackError('message_not_found');
      const text = str(args.text);
      if (text !== undefined) m.text = text;
      if (args.blocks !== undefined) m.blocks = args.blocks;
      m.updates += 1;
      store.putMessage(m);
      return { channel, ts, text: m.text ?? '', message: messageJson(m) };
    },
    'chat.delete': (args) => {
      const channel = requireStr(args, 'channel', 'channel_not_found');
      const ts = requireStr(args, 'ts', 'message_not_found');
      const m = store.message(channel, ts);
      if (m !== undefined) {
        m.deleted = true;
        store.changed();
      }
      return { channel, ts };
    },
    'chat.postEphemeral': (args) => {
      const channel = requireStr(args, 'channel', 'channel_not_found');
      const user = requireStr(args, 'user', 'user_not_in_channel');
      checkMessageContent(args, true);
      const ts = store.nextTs();
      const threadTs = str(args.thread_ts);
      store.addEphemeral({
        channel,
        user,
        ts,
        ...(threadTs !== undefined && threadTs !== '' ? { thread_ts: threadTs } : {}),
        ...(str(args.text) !== undefined ? { text: str(args.text) } : {}),
        ...(args.blocks !== undefined ? { blocks: args.blocks } : {}),
      });
      return { message_ts: ts };
    },
    'chat.getPermalink': (args) => {
      const channel = requireStr(args, 'channel', 'channel_not_found');
      const ts = requireStr(args, 'message_ts', 'message_not_found');
      const m = store.message(channel, ts);
      const base = `https://${ctx.teamDomain}.slack.test/archives/${channel}/p${ts.replace('.', '')}`;
      const threadTs = m?.thread_ts;
      const permalink =
        threadTs !== undefined && threadTs !== ts ? `${base}?thread_ts=${threadTs}&cid=${channel}` : base;
      return { channel, permalink };
    },
    ...viewMethods(ctx),
    ...functionMethods(ctx),
    'usergroups.users.list': (args) => {
      const group = requireStr(args, 'usergroup', 'no_such_subteam');
      const users = store.userGroups.get(group);
      if (users === undefined) throw new SlackError('no_such_subteam');
      return { users: [...users] };
    },
    'users.info': (args) => {
      const user = requireStr(args, 'user', 'user_not_found');
      const person = ctx.directory.users?.[user];
      return {
        user: {
          id: user,
          team_id: ctx.teamId,
          name: person?.name ?? user.toLowerCase(),
          real_name: person?.realName ?? `User ${user}`,
          deleted: false,
          is_bot: false,
          tz: 'America/Los_Angeles',
          tz_label: 'Pacific Standard Time',
          tz_offset: -28800,
          profile: { real_name: person?.realName ?? `User ${user}`, display_name: person?.name ?? user.toLowerCase() },
        },
      };
    },
    'conversations.info': (args) => {
      const channel = requireStr(args, 'channel', 'channel_not_found');
      const name = ctx.directory.channels?.[channel] ?? channel.toLowerCase();
      return {
        channel: {
          id: channel,
          name,
          name_normalized: name,
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
      const id = store.dmChannels.get(users) ?? store.nextId('D');
      store.dmChannels.set(users, id);
      return { channel: { id } };
    },
    'files.getUploadURLExternal': (args) => {
      const filename = requireStr(args, 'filename', 'invalid_arguments');
      const length = Number(requireStr(args, 'length', 'invalid_arguments'));
      if (!Number.isInteger(length) || length < 0) throw new SlackError('invalid_arguments');
      const fileId = store.nextId('F');
      const upload: RecordedUpload = {
        fileId,
        filename,
        length,
        content: Buffer.alloc(0),
        uploaded: false,
        completed: false,
        ...(str(args.alt_txt ?? args.alt_text) !== undefined ? { altText: str(args.alt_txt ?? args.alt_text) } : {}),
      };
      store.uploads.set(fileId, upload);
      store.uploadList.push(upload);
      return { upload_url: `${ctx.baseUrl()}/upload/v1/${fileId}`, file_id: fileId };
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
        const upload = id !== undefined ? store.uploads.get(id) : undefined;
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
          user: ctx.botUserId,
          size: upload.content.length,
          permalink: `https://${ctx.teamDomain}.slack.test/files/${ctx.botUserId}/${upload.fileId}/${upload.filename}`,
          channels: channelId !== undefined ? [channelId] : [],
          shares: {},
        });
      }
      if (channelId !== undefined) {
        // Slack shows shared files as a message from the uploader in the channel (or its thread).
        store.putMessage({
          channel: channelId,
          ts: store.nextTs(),
          ...(threadTs !== undefined ? { thread_ts: threadTs } : {}),
          ...(initialComment !== undefined ? { text: initialComment } : {}),
          updates: 0,
          deleted: false,
          files: done.map((f) => ({ id: String(f.id), name: String(f.name), title: String(f.title) })),
        });
      }
      return { files: done };
    },
  };
}
