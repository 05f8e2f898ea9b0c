/**
 * Why a start-up check failed, in words an operator acts on: which setting to look at.
 */
import { z } from 'zod';
import { PhloError } from '../plivo/index.js';

/** A PHLO read that failed: a wrong id, refused credentials, or PHLO out of reach. */
export function phloCheckFailure(error: unknown): string {
  if (!(error instanceof PhloError)) return error instanceof Error ? error.message : String(error);
  const status = error.status === undefined ? '' : ` (HTTP ${error.status})`;
  switch (error.code) {
    case 'PHLO_NOT_FOUND':
      return `PHLO has no such id${status}: check the id in the configuration file`;
    case 'PHLO_UNAUTHORIZED':
      return `PHLO refused the credentials${status}: check PLIVO_AUTH_ID and PLIVO_AUTH_TOKEN`;
    case 'PHLO_TIMEOUT':
    case 'PHLO_CONNECTION':
      return `PHLO could not be reached (check PHLO_API_URL and HTTPS_PROXY): ${error.message}`;
    default:
      return error.message;
  }
}

/** How the Slack Web API client reports Slack's own `error` field. */
const SlackPlatformError = z.object({ data: z.object({ error: z.string() }) });
const TOKEN_REFUSED = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive']);

/** An auth.test that failed: a refused token, or Slack out of reach. */
export function slackCheckFailure(error: unknown): string {
  const platform = SlackPlatformError.safeParse(error);
  if (platform.success) {
    const code = platform.data.data.error;
    return TOKEN_REFUSED.has(code) ? `Slack refused the bot token (${code}): check SLACK_BOT_TOKEN` : `Slack answered ${code}`;
  }
  return `Slack could not be reached (check SLACK_API_URL and the network): ${error instanceof Error ? error.message : String(error)}`;
}

/** One line of `phlo-bot check`. */
export function checkLine(result: { ok: boolean; subject: string; detail: string }): string {
  return `${result.ok ? 'ok  ' : 'FAIL'}  ${result.subject}: ${result.detail}`;
}
