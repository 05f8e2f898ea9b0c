import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';
import { requestPath } from './requestTarget.js';
import { refuse, send } from './responses.js';
import { safeError } from './safeError.js';
import { newErrorId } from '../errorId.js';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** One path the app serves exactly, with a handler per method. */
export interface Route {
  path: string;
  methods: Partial<Record<string, Handler>>;
}

/**
 * A path owned by someone else (the sandbox's pages): a path equal to `prefix` or under `prefix + '/'`
 * goes to `handle`, whatever the method.
 */
export interface ExtraRoute {
  prefix: string;
  handle(req: IncomingMessage, res: ServerResponse): void;
}

/**
 * The front door of a listener: every request gets an answer, and nothing a request does can throw out of
 * here (an exception escaping a node:http listener ends the process). Unknown paths 404, a known path with
 * the wrong method 405 with `Allow`, an unroutable request line 400.
 */
export function createRouter(options: { routes: Route[]; extraRoutes?: ExtraRoute[]; logger: Logger }): Handler {
  const routes = new Map(options.routes.map((r) => [r.path, r.methods]));
  const extra = options.extraRoutes ?? [];
  return (req, res) => {
    const path = requestPath(req);
    try {
      if (path === undefined) {
        refuse(req, res, 400, 'bad request');
        return;
      }
      const methods = routes.get(path);
      if (methods !== undefined) {
        const handler = methods[req.method ?? ''];
        if (handler === undefined) {
          send(res, 405, 'method not allowed', { allow: Object.keys(methods).join(', ') });
          return;
        }
        handler(req, res);
        return;
      }
      const owner = extra.find((r) => path === r.prefix || path.startsWith(`${r.prefix}/`));
      if (owner !== undefined) {
        owner.handle(req, res);
        return;
      }
      send(res, 404, 'not found');
    } catch (error) {
      // Only the method and path: the headers may hold credentials.
      const errorId = newErrorId();
      options.logger.error({ err: safeError(error), errorId, method: req.method, path }, 'request failed');
      send(res, 500, `internal error (${errorId})`);
    }
  };
}
