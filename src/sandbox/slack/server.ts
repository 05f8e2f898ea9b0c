// The Slack stand-in's HTTP side: the Web API under /api/, file upload URLs and response_urls, spoken to
// over real HTTP by the real @slack/web-api client (point SLACK_API_URL at `apiUrl`). It records every
// call, answers with Slack's shapes, and can be told to fail the next calls of a method. The tests and
// the sandbox share it, so the sandbox behaves as the tested Slack does.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs, readBody, str, uploadedBytes, type Json } from './httpBody.js';
import { SlackError, webApiMethods } from './methods.js';
import { startFunction, waitForFunctionEnd } from './functions.js';
import type { MethodContext } from './methodContext.js';
import { showResponse } from './responseUrl.js';
import { newTriggerId } from './signing.js';
import { SlackStore } from './store.js';
import type {
  RecordedResponse,
  ResponseTarget,
  SlackCall,
  SlackFailure,
  SlackStandInOptions,
} from './types.js';
import type { SlackStandIn } from './standIn.js';
import { WaitList } from './waitList.js';

type Answer = { status: number; body: Json; headers?: Record<string, string> };

export async function startSlackStandIn(options: SlackStandInOptions = {}): Promise<SlackStandIn> {
  const teamId = options.teamId ?? 'T0TEAM';
  const botUserId = options.botUserId ?? 'U0BOT';
  const botId = options.botId ?? 'B0BOT';
  const host = options.host ?? '127.0.0.1';
  let socketModeUrl = options.socketModeUrl;
  let baseUrl = '';

  const store = new SlackStore();
  const calls = new WaitList<SlackCall>();
  const responses = new WaitList<RecordedResponse>();
  const responseTargets = new Map<string, ResponseTarget>();
  const failures = new Map<string, { failure: SlackFailure; remaining: number }[]>();
  const hanging = new Set<ServerResponse>();
  const held: { method: string; args: Json; token: string | undefined; call: SlackCall; res: ServerResponse }[] = [];
  const methodContext: MethodContext = {
    store,
    teamId,
    teamDomain: options.teamDomain ?? 'fake-team',
    botUserId,
    botId,
    appId: options.appId ?? 'A0APP',
    triggerTtlMs: options.triggerTtlMs ?? 3000,
    directory: options.directory ?? {},
    baseUrl: () => baseUrl,
    socketModeUrl: () => socketModeUrl,
  };
  const handlers = webApiMethods(methodContext);

  const takeFailure = (key: string): SlackFailure | undefined => {
    const queue = failures.get(key);
    const head = queue?.[0];
    if (queue === undefined || head === undefined) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) queue.shift();
    return head.failure;
  };

  const answerApi = (method: string, args: Json, token: string | undefined): Answer => {
    const handler = handlers[method];
    if (handler === undefined) return { status: 200, body: { ok: false, error: 'unknown_method' } };
    if (token === undefined || token === '') return { status: 200, body: { ok: false, error: 'not_authed' } };
    const isAppToken = token.startsWith('xapp-');
    if (method === 'apps.connections.open' && !isAppToken) {
      // Real Slack wants the app-level token here; a bot token is the classic Socket Mode misconfiguration.
      return { status: 200, body: { ok: false, error: 'invalid_auth', detail: 'apps.connections.open needs an xapp- token' } };
    }
    if (isAppToken && method !== 'apps.connections.open' && method !== 'auth.test' && method !== 'api.test') {
      return { status: 200, body: { ok: false, error: 'not_allowed_token_type' } };
    }
    try {
      return { status: 200, body: { ok: true, ...handler(args, token) } };
    } catch (error) {
      if (error instanceof SlackError) return { status: 200, body: { ok: false, error: error.code, ...error.extra } };
      throw error;
    }
  };

  const failureAnswer = (failure: SlackFailure, textEndpoint: boolean): Answer | 'hang' | 'hold' => {
    if ('hang' in failure) return 'hang';
    if ('hold' in failure) return textEndpoint ? 'hang' : 'hold';
    if ('error' in failure) {
      return textEndpoint
        ? { status: 404, body: { error: failure.error } }
        : { status: 200, body: { ok: false, error: failure.error } };
    }
    const headers: Record<string, string> = {};
    if (failure.retryAfterSeconds !== undefined) headers['retry-after'] = String(failure.retryAfterSeconds);
    const error = failure.status === 429 ? 'ratelimited' : `fake_http_${failure.status}`;
    return { status: failure.status, body: { ok: false, error }, headers };
  };

  const send = (res: ServerResponse, answer: Answer): void => {
    res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
    res.end(JSON.stringify(answer.body));
  };

  const sendText = (res: ServerResponse, status: number, text: string): void => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(text);
  };

  const hang = (res: ServerResponse): void => {
    hanging.add(res);
    res.on('close', () => hanging.delete(res));
  };

  const handleApi = async (req: IncomingMessage, res: ServerResponse, method: string): Promise<void> => {
    const body = await readBody(req);
    const args = await parseArgs(req, body);
    const auth = req.headers.authorization;
    const bearer = auth !== undefined && /^Bearer\s+/i.test(auth) ? auth.replace(/^Bearer\s+/i, '') : undefined;
    const token = bearer ?? str(args.token);
    const call: SlackCall = { method, args, at: Date.now(), ...(token !== undefined ? { token } : {}) };
    const failure = takeFailure(method);
    const answer = failure !== undefined ? failureAnswer(failure, false) : answerApi(method, args, token);
    if (answer === 'hang') {
      calls.push(call);
      hang(res);
      return;
    }
    if (answer === 'hold') {
      calls.push(call);
      held.push({ method, args, token, call, res });
      return;
    }
    call.status = answer.status;
    call.response = answer.body;
    calls.push(call);
    send(res, answer);
  };

  /** Answers with the failure queued for a plain-text endpoint (upload or response URL), if there is one. */
  const failedTextEndpoint = (endpoint: 'upload_url' | 'response_url', res: ServerResponse): boolean => {
    const failure = takeFailure(endpoint);
    if (failure === undefined) return false;
    const answer = failureAnswer(failure, true);
    if (answer === 'hang' || answer === 'hold') hang(res);
    else sendText(res, answer.status, str(answer.body.error) ?? 'error');
    return true;
  };

  const handleUpload = async (req: IncomingMessage, res: ServerResponse, fileId: string): Promise<void> => {
    const body = await readBody(req);
    if (failedTextEndpoint('upload_url', res)) return;
    const upload = store.uploads.get(fileId);
    if (upload === undefined) { sendText(res, 404, 'file_not_found'); return; }
    upload.content = await uploadedBytes(req, body);
    upload.uploaded = true;
    sendText(res, 200, `OK - ${upload.content.length}`);
  };

  const handleResponseUrl = async (req: IncomingMessage, res: ServerResponse, id: string): Promise<void> => {
    const body = await readBody(req);
    if (failedTextEndpoint('response_url', res)) return;
    const parsed = await parseArgs(req, body);
    responses.push({ id, url: `${baseUrl}${req.url ?? ''}`, body: parsed, at: Date.now() });
    const target = responseTargets.get(id);
    if (target !== undefined) showResponse(store, target, parsed);
    sendText(res, 200, 'ok');
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const api = /^\/api\/([A-Za-z0-9_.]+)$/.exec(path);
    if (api?.[1] !== undefined) return handleApi(req, res, api[1]);
    const upload = /^\/upload\/v1\/([A-Za-z0-9]+)$/.exec(path);
    if (upload?.[1] !== undefined && req.method === 'POST') return handleUpload(req, res, upload[1]);
    const response = /^\/response\/([^/]+)$/.exec(path);
    if (response?.[1] !== undefined && req.method === 'POST') {
      return handleResponseUrl(req, res, decodeURIComponent(response[1]));
    }
    sendText(res, 404, 'not found');
  };

  const server = createServer((req, res) => {
    res.on('error', () => undefined);
    route(req, res).catch((error: unknown) => {
      // A bug in the fake must surface in the test, not as a hung request.
      if (!res.headersSent) sendText(res, 500, `fakeSlack error: ${error instanceof Error ? error.stack : String(error)}`);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const describeCalls = (): string =>
    calls.items.length === 0
      ? '(none)'
      : calls.items.map((c) => `\n  ${c.method} ${truncate(JSON.stringify(c.args), 200)} → ${c.status ?? 'hang'}`).join('');

  let closed = false;
  let responseSeq = 0;

  return {
    apiUrl: `${baseUrl}/api/`,
    baseUrl,
    teamId,
    botUserId,
    botId,
    calls: calls.items,
    responses: responses.items,
    uploads: store.uploadList,
    callsTo: (method) => calls.items.filter((c) => c.method === method),
    waitForCall: (method, predicate, timeoutMs = 5000) =>
      calls.waitFor(
        (c) => c.method === method && (predicate === undefined || predicate(c)),
        timeoutMs,
        () =>
          `fakeSlack: no ${method} call${predicate !== undefined ? ' matching the predicate' : ''} within ${timeoutMs} ms; calls seen: ${describeCalls()}`,
      ),
    responseUrl: (id, target) => {
      responseSeq += 1;
      const key = id ?? `r${responseSeq}`;
      if (target !== undefined) responseTargets.set(key, target);
      return `${baseUrl}/response/${encodeURIComponent(key)}`;
    },
    waitForResponse: (predicate, timeoutMs = 5000) =>
      responses.waitFor(
        (r) => predicate === undefined || predicate(r),
        timeoutMs,
        () =>
          `fakeSlack: no response_url post${predicate !== undefined ? ' matching the predicate' : ''} within ${timeoutMs} ms; posts seen: ${
            responses.items.length === 0
              ? '(none)'
              : responses.items.map((r) => `\n  ${r.id} ${truncate(JSON.stringify(r.body), 200)}`).join('')
          }; calls seen: ${describeCalls()}`,
      ),
    setUserGroup: (groupId, userIds) => {
      store.userGroups.set(groupId, [...userIds]);
    },
    failNext: (method, failure, times = 1) => {
      const queue = failures.get(method) ?? [];
      queue.push({ failure, remaining: times });
      failures.set(method, queue);
    },
    release: (method) => {
      const due = held.filter((h) => h.method === method);
      for (const h of due) {
        held.splice(held.indexOf(h), 1);
        const answer = answerApi(h.method, h.args, h.token);
        h.call.status = answer.status;
        h.call.response = answer.body;
        send(h.res, answer);
      }
      return due.length;
    },
    setSocketModeUrl: (url) => {
      socketModeUrl = url;
    },
    message: (channel, ts) => store.message(channel, ts),
    threadReplies: (channel, threadTs) =>
      [...store.messages.values()].filter((m) => m.channel === channel && m.thread_ts === threadTs && m.ts !== threadTs),
    view: (idOrExternalId) => store.view(idOrExternalId),
    homeView: (userId) => store.homeViews.get(userId),
    reset: () => {
      calls.clear();
      responses.clear();
      failures.clear();
      responseTargets.clear();
      store.clear();
    },
    store,
    startFunction: (callbackId, inputs, startOptions) => startFunction(methodContext, callbackId, inputs, startOptions),
    functionExecution: (id) => store.functionExecutions.get(id),
    waitForFunctionEnd: (id, timeoutMs) => waitForFunctionEnd(store, id, timeoutMs),
    issueTrigger: (userId) => {
      const triggerId = newTriggerId();
      store.triggerUsers.set(triggerId, userId);
      return triggerId;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      calls.rejectAll('fakeSlack closed');
      responses.rejectAll('fakeSlack closed');
      for (const res of hanging) res.destroy();
      hanging.clear();
      for (const h of held.splice(0)) h.res.destroy();
      await new Promise<void>((resolve) => {
        server.close(() => { resolve(); });
        // Keep-alive sockets from undici would otherwise hold close() open.
        server.closeAllConnections();
      });
    },
  };
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
