// Custom workflow steps ("functions"): the stand-in starts an execution the way Slack does when a
// workflow reaches one of the app's steps, and answers functions.completeSuccess / completeError with
// Slack's checks (an unknown execution, one already ended, a foreign token).
import { randomBytes } from 'node:crypto';
import { isRecord, str, type Json } from './httpBody.js';
import { requireStr, SlackError, type MethodContext, type MethodHandler } from './methodContext.js';
import type { SlackStore } from './store.js';
import type { FunctionExecution } from './types.js';

export type { FunctionExecution } from './types.js';

export interface StartFunctionOptions {
  /** Overrides the generated execution id. */
  executionId?: string;
  /** The step's title and description as the manifest declares them, echoed in the event. */
  title?: string;
  description?: string;
  workflowExecutionId?: string;
}

/** What `startFunction` gives: the execution, and the signed-to-be `event_callback` body Slack would POST. */
export interface StartedFunction {
  execution: FunctionExecution;
  /** JSON, to POST to the app's `/slack/events` as `application/json`. */
  body: string;
}

function newId(prefix: string): string {
  return `${prefix}${randomBytes(5).toString('hex').toUpperCase()}`;
}

/** Registers a running execution and builds the `function_executed` event that announces it. */
export function startFunction(
  ctx: MethodContext,
  callbackId: string,
  inputs: Record<string, unknown>,
  options: StartFunctionOptions = {},
): StartedFunction {
  const execution: FunctionExecution = {
    id: options.executionId ?? newId('Fx'),
    callbackId,
    inputs,
    token: `xwfp-${randomBytes(12).toString('hex')}`,
    state: 'running',
    startedAt: Date.now(),
  };
  ctx.store.putFunctionExecution(execution);
  const now = Math.floor(Date.now() / 1000);
  const event = {
    type: 'function_executed',
    function: {
      id: newId('Fn'),
      callback_id: callbackId,
      title: options.title ?? callbackId,
      description: options.description ?? '',
      type: 'app',
      input_parameters: [],
      output_parameters: [],
      app_id: ctx.appId,
      date_created: now,
      date_updated: now,
      date_deleted: 0,
    },
    inputs,
    function_execution_id: execution.id,
    workflow_execution_id: options.workflowExecutionId ?? newId('Wx'),
    event_ts: `${now}.${String(Date.now() % 1000).padStart(3, '0')}000`,
    bot_access_token: execution.token,
  };
  const body = {
    token: 'fakeVerificationToken',
    team_id: ctx.teamId,
    api_app_id: ctx.appId,
    event,
    type: 'event_callback',
    event_id: newId('Ev'),
    event_time: now,
    authorizations: [
      { enterprise_id: null, team_id: ctx.teamId, user_id: ctx.botUserId, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
  };
  return { execution, body: JSON.stringify(body) };
}

export function functionMethods(ctx: MethodContext): Record<string, MethodHandler> {
  const running = (args: Json, token: string): FunctionExecution => {
    const id = requireStr(args, 'function_execution_id', 'function_execution_not_found');
    const execution = ctx.store.functionExecutions.get(id);
    if (execution === undefined) throw new SlackError('function_execution_not_found');
    // Slack accepts the app's bot token or this execution's own token, not another execution's.
    if (token.startsWith('xwfp-') && token !== execution.token) throw new SlackError('access_denied');
    if (execution.state !== 'running') throw new SlackError('execution_not_in_running_state');
    return execution;
  };
  const end = (execution: FunctionExecution, change: Partial<FunctionExecution>): Json => {
    ctx.store.putFunctionExecution({ ...execution, ...change, endedAt: Date.now() });
    return {};
  };
  return {
    'functions.completeSuccess': (args, token) => {
      const execution = running(args, token);
      const outputs = isRecord(args.outputs) ? args.outputs : undefined;
      if (outputs === undefined) throw new SlackError('invalid_arguments', { detail: 'outputs must be an object' });
      return end(execution, { state: 'completed', outputs });
    },
    'functions.completeError': (args, token) => {
      const execution = running(args, token);
      const error = str(args.error);
      if (error === undefined || error === '') throw new SlackError('invalid_arguments', { detail: 'error is required' });
      return end(execution, { state: 'failed', error });
    },
  };
}

/** Resolves with the execution once it completed or failed; rejects after `timeoutMs`. */
export function waitForFunctionEnd(store: SlackStore, id: string, timeoutMs = 10_000): Promise<FunctionExecution> {
  const ended = (): FunctionExecution | undefined => {
    const execution = store.functionExecutions.get(id);
    return execution !== undefined && execution.state !== 'running' ? execution : undefined;
  };
  return new Promise((resolve, reject) => {
    const already = ended();
    if (already !== undefined) {
      resolve(already);
      return;
    }
    const timer = setTimeout(() => {
      stop();
      const state = store.functionExecutions.get(id)?.state ?? 'unknown';
      reject(new Error(`fakeSlack: function execution ${id} did not end within ${timeoutMs} ms (state: ${state})`));
    }, timeoutMs);
    const stop = store.onChange(() => {
      const execution = ended();
      if (execution === undefined) return;
      clearTimeout(timer);
      stop();
      resolve(execution);
    });
  });
}
