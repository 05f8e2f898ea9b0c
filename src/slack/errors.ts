import { ErrorCode, type WebAPIPlatformError } from '@slack/web-api';
import { FormChangedError, FormExpiredError } from '../actions/errors.js';

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
