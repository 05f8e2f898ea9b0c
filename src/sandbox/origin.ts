// Who may drive the sandbox: only its own page. It acts as whichever user a request names, so a request
// from another site (its Origin) or through another name for this address (its Host, as DNS rebinding
// makes a browser send) is refused; the API takes only JSON, which a cross-site form or "simple" fetch
// cannot send without a CORS preflight, and no preflight is ever granted.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostname, networkInterfaces } from 'node:os';
import { isLoopbackHost } from '../config/index.js';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** Headers on every answer: no framing by other sites, no sniffing, no reading by other origins. */
export const PAGE_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

const bracketed = (address: string): string => (address.includes(':') && !address.startsWith('[') ? `[${address}]` : address);

/**
 * The Host headers a browser sends for the sandbox (`name:port`, or `name` alone on port 80): the loopback
 * names on a loopback bind, the address HOST names otherwise, and on a wildcard bind this machine's
 * addresses and host name too. Browsers send a Host and an Origin lower-cased, with an IPv6 address
 * bracketed, so an exact comparison is enough.
 */
export function ownHosts(bindHost: string, port: number): Set<string> {
  const bind = bindHost.toLowerCase();
  const names = new Set<string>();
  if (isLoopbackHost(bind)) LOOPBACK_NAMES.forEach((n) => names.add(n));
  else if (bind === '0.0.0.0' || bind === '::' || bind === '[::]') {
    LOOPBACK_NAMES.forEach((n) => names.add(n));
    for (const list of Object.values(networkInterfaces())) for (const i of list ?? []) names.add(bracketed(i.address.toLowerCase()));
    names.add(hostname().toLowerCase());
  } else names.add(bracketed(bind));
  return new Set([...names].flatMap((n) => (port === 80 ? [n, `${n}:80`] : [`${n}:${port}`])));
}

/** Why the request is not the sandbox's own page's, or undefined when it is. */
export function foreignRequest(req: IncomingMessage, own: Set<string>): string | undefined {
  const host = req.headers.host;
  if (host === undefined || !own.has(host.toLowerCase())) {
    return `Host ${JSON.stringify(host ?? '')} is not this sandbox's address: open the sandbox at the URL its banner prints`;
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !(origin.startsWith('http://') && own.has(origin.slice('http://'.length).toLowerCase()))) {
    return `Origin ${JSON.stringify(origin)} is not this sandbox: only its own page may use its API`;
  }
  return undefined;
}

/** Why the body is not one the API takes (JSON only), or undefined. */
export function notJson(req: IncomingMessage): string | undefined {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  return type === 'application/json' ? undefined : `the sandbox's API takes only Content-Type: application/json (got ${JSON.stringify(type ?? '')})`;
}

export function setPageHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(PAGE_HEADERS)) res.setHeader(name, value);
}
