import type { IncomingMessage } from 'node:http';

/**
 * The path a request is for, or undefined when the request line cannot be routed: the asterisk form
 * (`OPTIONS *`), an unparsable absolute URL (`GET http://[`), or a missing method. Parsed the way Bolt
 * parses it, so the path we route on is the path Bolt sees.
 */
export function requestPath(req: IncomingMessage): string | undefined {
  const url = req.url;
  if (url === undefined || req.method === undefined) return undefined;
  if (!url.startsWith('/') && !/^https?:\/\//i.test(url)) return undefined;
  try {
    return new URL(url, 'http://localhost').pathname;
  } catch {
    return undefined;
  }
}
