// The Slack stand-in's shapes: what it records, what it keeps, and what a test or the sandbox can ask it.

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

/**
 * What a queued failure does: an HTTP status, a Slack error, a request that never gets an answer
 * (`hang`), or one whose ordinary answer waits until the test calls `release` (`hold`).
 */
export type SlackFailure = { status: number; retryAfterSeconds?: number } | { error: string } | { hang: true } | { hold: true };

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

/** One run of a step, from the `function_executed` event to its completion. */
export interface FunctionExecution {
  /** `Fx…`: what the app completes. */
  id: string;
  callbackId: string;
  inputs: Record<string, unknown>;
  /** The short-lived token Slack hands the app with the event (`xwfp-…`). */
  token: string;
  state: 'running' | 'completed' | 'failed';
  outputs?: Record<string, unknown>;
  /** The sentence `completeError` gave: what Slack shows the person who ran the workflow. */
  error?: string;
  startedAt: number;
  endedAt?: number;
}
