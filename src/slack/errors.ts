import { ErrorCode, type WebAPIPlatformError } from '@slack/web-api';
import { PhloBotError } from '../errors.js';
import type { RequestOrigin, Workspace } from './workspace.js';

/** Slack refused a call for a reason the user can act on; the sentence lives in messages.ts. */
export class FormExpiredError extends PhloBotError {
  readonly code = 'SLACK_FORM_EXPIRED';
}

/** The modal changed (another update landed first) while we were replacing it. */
export class FormChangedError extends PhloBotError {
  readonly code = 'SLACK_FORM_CHANGED';
}

/** The `error` Slack answered (`expired_trigger_id`, …), when the failure is one of Slack's own answers. */
export function slackErrorOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error) || error.code !== ErrorCode.PlatformError) return undefined;
  return (error as WebAPIPlatformError).data.error;
}

/**
 * A trigger_id lives three seconds and can be used once; when Slack says it expired (a slow
 * network, a busy moment) the user only needs to ask again, so say that rather than "error".
 */
export function explainModalFailure(error: unknown): unknown {
  switch (slackErrorOf(error)) {
    case 'expired_trigger_id':
    case 'exchanged_trigger_id':
      return new FormExpiredError('Slack refused to open the form: its trigger expired', { cause: error });
    case 'hash_conflict':
      return new FormChangedError('Slack refused to update the form: it changed meanwhile', { cause: error });
    default:
      return error;
  }
}

/** A signed request from a workspace or organization other than the bot token's own. */
export class ForeignWorkspaceError extends PhloBotError {
  readonly code = 'FOREIGN_WORKSPACE';

  constructor(
    readonly origin: RequestOrigin,
    readonly ours: Workspace,
  ) {
    const named = `team ${origin.teamId ?? '(none)'}${origin.enterpriseId === undefined ? '' : `, organization ${origin.enterpriseId}`}`;
    super(`request from ${named}; this app serves ${ours.orgWide ? `organization ${ours.enterpriseId ?? '?'}` : `team ${ours.teamId ?? '?'}`}`);
  }
}
