// The Slack stand-in's shapes: what it records, what it keeps, and what a test or the sandbox can ask it.
import type { SlackStore } from './store.js';

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
  /** A person's message (the sandbox page lets one chat); bot messages have none. */
  user?: string;
  /** Files shared with the message (files.completeUploadExternal). */
  files?: { id: string; name: string; title: string }[];
}

/** A message only `user` sees (chat.postEphemeral, or a response_url answer). */
export interface StoredEphemeral {
  channel: string;
  user: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  blocks?: unknown;
}

/** Whom a response_url answers: the user and channel of the request it came with. */
export interface ResponseTarget {
  channel: string;
  user: string;
  /** The message a button sat on, for `replace_original` / `delete_original`. */
  messageTs?: string;
}

/** Display names the stand-in answers users.info and conversations.info with. */
export interface Directory {
  users?: Record<string, { name: string; realName: string }>;
  channels?: Record<string, string>;
}

export type SlackFailure = { status: number; retryAfterSeconds?: number } | { error: string } | { hang: true };

export interface SlackStandInOptions {
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
  directory?: Directory;
  /** The address to listen on; default 127.0.0.1. */
  host?: string;
}

export interface SlackStandIn {
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
  /**
   * A URL on this server that records what `respond()` posts and answers 200 "ok". With a target the
   * post is also shown as Slack shows it: ephemeral to the user, in the channel, or replacing the message.
   */
  responseUrl(id?: string, target?: ResponseTarget): string;
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
  /** A trigger_id for `userId`: views opened with it become that user's open modal. */
  issueTrigger(userId: string): string;
  /** What the stand-in keeps (messages, ephemerals, views, modal stacks); the sandbox page reads it. */
  readonly store: SlackStore;
}
