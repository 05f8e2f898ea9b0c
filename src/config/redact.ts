// Secrets out of what the app prints: a database password in a URL, and the environment's values in a
// validation error kept as a cause.
import { z } from 'zod';

/**
 * The URL with its password replaced by `***`, for banners, logs and error messages. It does not rely on
 * the URL parsing: a password holding `/`, `#`, `?`, `@` or `:` unencoded makes the URL malformed, and
 * that is exactly when it gets printed. So everything between the user's `:` and the last `@` goes, and
 * with no `@` at all, whatever follows a `:` that is not a port. Masking too much is the safe side.
 */
export function maskUrlPassword(url: string): string {
  if (/^sqlite:/i.test(url)) return url;
  const scheme = /^[a-z][a-z0-9+.-]*:(?:\/\/)?/i.exec(url)?.[0] ?? '';
  let rest = url.slice(scheme.length);
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    const colon = rest.indexOf(':');
    if (colon >= 0 && colon < at) rest = `${rest.slice(0, colon + 1)}***${rest.slice(at)}`;
  } else {
    // "user:password" with no host reads as host:port; a port is digits.
    rest = rest.replace(/^(\[[^\]]*\]|[^:/?#[]*):(?!\d*(?:[/?#]|$)).*$/s, '$1:***');
  }
  // libpq and node-postgres also take the password as a query parameter; what follows it may be part of it.
  return scheme + rest.replace(/([?&]password=).*$/is, '$1***');
}

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
