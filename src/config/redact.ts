// Secrets out of what the app prints: a database password in a URL, and the environment's values in a
// validation error kept as a cause.
import { z } from 'zod';
import { maskUrlPassword } from '../domain/urlPassword.js';

export { maskUrlPassword };

/** Variables whose value is a secret (or holds one), never to be kept in an error. */
const SECRET_VARIABLES = new Set(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'PLIVO_AUTH_TOKEN', 'DATABASE_URL', 'HTTPS_PROXY']);
const MASKED_URLS = new Set(['DATABASE_URL', 'HTTPS_PROXY']);

/**
 * The validation error of the environment with no secret in it: zod keeps each failing value in its
 * issues (and prints them in its message), and the error is kept as a ConfigError's cause.
 */
export function withoutSecrets(error: z.ZodError): z.ZodError {
  return new z.ZodError(
    error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '');
      if (!SECRET_VARIABLES.has(name) || issue.input === undefined) return issue;
      const copy = { ...issue };
      if (MASKED_URLS.has(name) && typeof issue.input === 'string') copy.input = maskUrlPassword(issue.input);
      else delete copy.input;
      return copy;
    }),
  );
}
