// Everything under /sandbox on the app's port: the page, its assets, and the small JSON API the page
// drives Slack's side with. Bodies are validated with zod; a bad request gets a 400, never a crash.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { ExtraRoute } from '../app.js';
import type { Logger } from '../logger.js';
import { serveAsset, pageHtml } from './assets.js';
import type { Driver } from './driver.js';
import { foreignRequest, notJson, setPageHeaders } from './origin.js';
import type { Sandbox } from './sandbox.js';
import { parseStepInputs, type WorkflowStep } from './steps.js';

const User = z.string().regex(/^[UW][A-Z0-9]+$/);
const Channel = z.string().regex(/^[CGD][A-Z0-9]+$/);
const Body = {
  command: z.object({ user: User, channel: Channel, text: z.string().min(1).max(4000) }),
  message: z.object({ user: User, channel: Channel, text: z.string().min(1).max(4000), threadTs: z.string().optional() }),
  action: z.object({
    user: User,
    channel: Channel.optional(),
    messageTs: z.string().optional(),
    ephemeral: z.boolean().default(false),
    viewId: z.string().optional(),
    values: z.record(z.string(), z.unknown()).default({}),
    action: z.record(z.string(), z.unknown()),
  }),
  submit: z.object({ user: User, viewId: z.string(), values: z.record(z.string(), z.unknown()) }),
  close: z.object({ user: User, viewId: z.string() }),
  home: z.object({ user: User }),
  fault: z.object({ kind: z.enum(['404', '500', 'slow']) }),
  reset: z.object({}),
  step: z.object({ callbackId: z.string().min(1).max(100), inputs: z.record(z.string(), z.unknown()) }),
};

class BadRequest extends Error {}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 256 * 1024) req.destroy(new BadRequest('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text === '' ? {} : (JSON.parse(text) as unknown));
      } catch {
        reject(new BadRequest('body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

/** The step's inputs, or a 400 with one plain sentence per problem, which the panel shows as they are. */
function stepInputs(step: WorkflowStep, raw: unknown): Record<string, string> {
  try {
    return parseStepInputs(step, raw);
  } catch (error) {
    if (error instanceof z.ZodError) throw new BadRequest(error.issues.map((i) => i.message).join('; '));
    throw error;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * @param own the Host headers that name this sandbox (origin.ts `ownHosts`); a request with another Host,
 *   or another Origin, is refused with a 403.
 */
export function sandboxRoute(sandbox: Sandbox, driver: Driver, logger: Logger, own: Set<string>): ExtraRoute {
  const post = async (name: string, raw: unknown): Promise<unknown> => {
    switch (name) {
      case 'command': {
        const b = Body.command.parse(raw);
        await driver.command(b.user, b.channel, b.text);
        return { ok: true };
      }
      case 'message': {
        const b = Body.message.parse(raw);
        sandbox.userMessage(b.user, b.channel, b.text, b.threadTs);
        return { ok: true };
      }
      case 'action': {
        const b = Body.action.parse(raw);
        if (b.viewId !== undefined) await driver.viewAction(b.user, b.viewId, b.values, b.action);
        else if (b.channel !== undefined && b.messageTs !== undefined) {
          await driver.messageAction(b.user, b.channel, b.messageTs, b.action, b.ephemeral);
        } else throw new BadRequest('an action needs a view or a message');
        return { ok: true };
      }
      case 'submit': {
        const b = Body.submit.parse(raw);
        const errors = await driver.submit(b.user, b.viewId, b.values);
        return { ok: errors === undefined, errors };
      }
      case 'close': {
        const b = Body.close.parse(raw);
        await driver.close(b.user, b.viewId);
        return { ok: true };
      }
      case 'home': {
        await driver.openHome(Body.home.parse(raw).user);
        return { ok: true };
      }
      case 'fault': {
        return { ok: sandbox.injectFault(Body.fault.parse(raw).kind) };
      }
      case 'step': {
        const b = Body.step.parse(raw);
        const step = sandbox.steps.find((s) => s.callbackId === b.callbackId);
        if (step === undefined) throw new BadRequest(`manifest.yml declares no step ${b.callbackId}`);
        const execution = await driver.startStep(step.callbackId, stepInputs(step, b.inputs), step);
        return { ok: true, execution };
      }
      case 'reset': {
        Body.reset.parse(raw);
        sandbox.reset();
        return { ok: true };
      }
      default:
        return undefined;
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/^\/sandbox/, '') || '/';
    setPageHeaders(res);
    const foreign = foreignRequest(req, own);
    if (foreign !== undefined) {
      logger.warn({ host: req.headers.host?.slice(0, 200), origin: req.headers.origin?.slice(0, 200), path: path.slice(0, 200) }, 'sandbox refused a request from elsewhere');
      sendJson(res, 403, { ok: false, error: foreign });
      return;
    }
    if (req.method === 'GET' && (path === '/' || path === '')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(pageHtml());
      return;
    }
    if (req.method === 'GET' && path.startsWith('/assets/')) { serveAsset(path.slice('/assets/'.length), res); return; }
    if (req.method === 'GET' && path === '/api/state') {
      const user = User.safeParse(url.searchParams.get('user'));
      sendJson(res, 200, sandbox.snapshot(user.success ? user.data : undefined)); return;
    }
    if (req.method === 'GET' && path === '/api/events') { sandbox.subscribe(res); return; }
    const api = /^\/api\/([a-z]+)$/.exec(path);
    if (api?.[1] !== undefined && req.method === 'POST') {
      const unsupported = notJson(req);
      if (unsupported !== undefined) { sendJson(res, 415, { ok: false, error: unsupported }); return; }
      const answer = await post(api[1], await readJson(req));
      if (answer !== undefined) { sendJson(res, 200, answer); return; }
    }
    sendJson(res, 404, { ok: false, error: 'not found' });
  };

  return {
    prefix: '/sandbox',
    handle(req, res) {
      handle(req, res).catch((error: unknown) => {
        if (error instanceof BadRequest || error instanceof z.ZodError) {
          sendJson(res, 400, { ok: false, error: error.message });
          return;
        }
        logger.error({ err: error }, 'sandbox request failed');
        sendJson(res, 500, { ok: false, error: error instanceof Error ? error.message : String(error) });
      });
    },
  };
}
