// A password in a URL, kept out of whatever prints it: the configuration's errors, the sandbox's banner,
// the store's errors. In the domain so every layer masks it the same way.

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
