// What a test or the sandbox holds of a running Slack stand-in.
import type { FunctionExecution, StartedFunction, StartFunctionOptions } from './functions.js';
import type { SlackStore } from './store.js';
import type { RecordedResponse, RecordedUpload, ResponseTarget, SlackCall, SlackFailure, StoredMessage } from './types.js';

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
  /** Answers, as usual, every call of `method` a `{ hold: true }` failure held back; returns how many. */
  release(method: string): number;
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
  /**
   * Starts a run of the workflow step `callbackId` as Slack does when a workflow reaches it: the
   * execution is registered (running) and the `function_executed` event body is returned for the
   * caller to POST, signed, to the app.
   */
  startFunction(callbackId: string, inputs: Record<string, unknown>, options?: StartFunctionOptions): StartedFunction;
  functionExecution(id: string): FunctionExecution | undefined;
  /** Resolves when the step completed or failed; rejects after `timeoutMs` (10 s by default). */
  waitForFunctionEnd(id: string, timeoutMs?: number): Promise<FunctionExecution>;
  /** A trigger_id for `userId`: views opened with it become that user's open modal. */
  issueTrigger(userId: string): string;
  /** What the stand-in keeps (messages, ephemerals, views, modal stacks); the sandbox page reads it. */
  readonly store: SlackStore;
}
