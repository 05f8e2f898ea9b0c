/**
 * The PHLO API of the simulator: authentication, routing, input validation and the documented
 * response bodies, from a received request to the status and JSON to answer. No sockets here.
 */
import { randomUUID } from 'node:crypto';
import { isAddress } from './address.js';
import type { CallRequest, MemberActionName, NodeRecord, Outcome, SimulatorState } from './state.js';

export interface ApiRequest {
  method: string;
  /** The path as received, without the query string (still percent-encoded). */
  path: string;
  authorization: string | undefined;
  /** The raw body text ('' when none). */
  body: string;
}

export interface ApiResponse {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

export interface ApiContext {
  state: SimulatorState;
  /** Member actions beyond PHLO's own, accepted as no-ops on a member on the call (a test's new action). */
  extraMemberActions?: readonly string[] | undefined;
  authId: string;
  authToken: string;
}

export const UNAUTHORIZED_TEXT =
  'Could not verify your access level for that URL. You have to login with proper credentials.';

const CALL_ACTIONS = ['call', 'warm_transfer', 'cold_transfer'] as const;
const MEMBER_ACTIONS = ['hold', 'unhold', 'hangup', 'resume_call', 'abort_transfer', 'voicemail_drop'] as const;

const reply = (status: number, body: Record<string, unknown> = {}): ApiResponse => ({
  status,
  body: { api_id: randomUUID(), ...body },
});
const fail = (status: number, error: string): ApiResponse => reply(status, { error });
const fromOutcome = (outcome: Outcome): ApiResponse => (outcome.ok ? reply(201, { error: '' }) : fail(outcome.status, outcome.error));

function authorized(header: string | undefined, ctx: ApiContext): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (match?.[1] === undefined) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  return decoded === `${ctx.authId}:${ctx.authToken}`;
}

/** Percent-decodes each segment; undefined if the path holds a malformed escape. */
function decodeSegments(path: string): string[] | undefined {
  try {
    return path.split('/').slice(1).map((segment) => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
}

type JsonObjectResult = { ok: true; value: Record<string, unknown> } | { ok: false; response: ApiResponse };

/** The body as a JSON object; an empty body counts as `{}` when `emptyIsObject`. */
function jsonObject(text: string, emptyIsObject: boolean): JsonObjectResult {
  if (text.trim() === '') {
    return emptyIsObject ? { ok: true, value: {} } : { ok: false, response: fail(400, 'request body is required: a JSON object with "action"') };
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return { ok: false, response: fail(400, 'request body is not valid JSON') };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, response: fail(400, 'request body must be a JSON object') };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

function oneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

function requiredString(body: Record<string, unknown>, key: string): { ok: true; value: string } | { ok: false; response: ApiResponse } {
  const value = body[key];
  if (value === undefined || value === null || value === '') return { ok: false, response: fail(400, `${key} is required`) };
  if (typeof value !== 'string') return { ok: false, response: fail(400, `${key} must be a string`) };
  return { ok: true, value };
}

function methodNotAllowed(method: string, allowed: string[]): ApiResponse {
  return { ...fail(405, `method ${method} is not allowed here; allowed: ${allowed.join(', ')}`), headers: { allow: allowed.join(', ') } };
}

export function handleApiRequest(ctx: ApiContext, request: ApiRequest): ApiResponse {
  if (!authorized(request.authorization, ctx)) return fail(401, UNAUTHORIZED_TEXT);
  const segments = decodeSegments(request.path);
  if (segments === undefined) return fail(400, 'the path holds a malformed percent-encoding');
  if (segments[0] !== 'v1' || segments.slice(1).some((segment) => segment === '')) return fail(404, 'not found');
  const [resource, a, b, c, d, e, ...rest] = segments.slice(1);
  const { method } = request;
  if (rest.length > 0 || resource === undefined || a === undefined) return fail(404, 'not found');

  // POST /account/{auth_id}/phlo/{phlo_id}
  if (resource === 'account') {
    if (b !== 'phlo' || c === undefined || d !== undefined) return fail(404, 'not found');
    if (method !== 'POST') return methodNotAllowed(method, ['POST']);
    if (a !== ctx.authId) return fail(401, UNAUTHORIZED_TEXT);
    return runPhlo(ctx, c, request.body);
  }
  if (resource !== 'phlo') return fail(404, 'not found');

  // GET /phlo/{phlo_id}
  if (b === undefined) {
    if (method !== 'GET') return methodNotAllowed(method, ['GET']);
    return getPhlo(ctx, a);
  }
  // GET /phlo/{phlo_id}/runs/{run_id}
  if (b === 'runs' && c !== undefined && d === undefined) {
    if (method !== 'GET') return methodNotAllowed(method, ['GET']);
    return getRun(ctx, a, c);
  }
  if (b !== 'multi_party_call' || c === undefined) return fail(404, 'not found');
  // GET or POST /phlo/{phlo_id}/multi_party_call/{node_id}
  if (d === undefined) {
    if (method === 'GET') return getNode(ctx, a, c);
    if (method === 'POST') return updateNode(ctx, a, c, request.body);
    return methodNotAllowed(method, ['GET', 'POST']);
  }
  // POST /phlo/{phlo_id}/multi_party_call/{node_id}/members/{member_address}
  if (d === 'members' && e !== undefined) {
    if (method !== 'POST') return methodNotAllowed(method, ['POST']);
    return updateMember(ctx, a, c, e, request.body);
  }
  return fail(404, 'not found');
}

function getPhlo(ctx: ApiContext, phloId: string): ApiResponse {
  const phlo = ctx.state.phlo(phloId);
  if (phlo === undefined) return fail(404, `PHLO ${phloId} not found`);
  return reply(200, { phlo_id: phlo.id, name: phlo.name, created_on: phlo.createdOn });
}

function runPhlo(ctx: ApiContext, phloId: string, text: string): ApiResponse {
  const phlo = ctx.state.phlo(phloId);
  if (phlo === undefined) return fail(404, `PHLO ${phloId} not found`);
  const payload = jsonObject(text, true);
  if (!payload.ok) return payload.response;
  const run = ctx.state.startRun(phlo, payload.value);
  const message = phlo.runFails ?? `PHLO ${JSON.stringify(phlo.name)} triggered with phlo_run_uuid: ${run.runId}`;
  // PHLO's api_id for a run is the run id itself.
  return { status: 201, body: { api_id: run.runId, phlo_id: phlo.id, message } };
}

function getRun(ctx: ApiContext, phloId: string, runId: string): ApiResponse {
  const phlo = ctx.state.phlo(phloId);
  if (phlo === undefined) return fail(404, `PHLO ${phloId} not found`);
  const run = phlo.runs.get(runId);
  if (run === undefined) return fail(404, `PHLO run ${runId} not found`);
  return reply(200, {
    phlo_id: run.phloId,
    run_id: run.runId,
    call_uuids: run.callUuids,
    message_uuids: run.messageUuids,
    recording_ids: run.recordingIds,
  });
}

function findNode(ctx: ApiContext, phloId: string, nodeId: string): { ok: true; node: NodeRecord } | { ok: false; response: ApiResponse } {
  const phlo = ctx.state.phlo(phloId);
  if (phlo === undefined) return { ok: false, response: fail(404, `PHLO ${phloId} not found`) };
  const node = phlo.nodes.get(nodeId);
  if (node === undefined) return { ok: false, response: fail(404, `multiparty call node ${nodeId} not found in PHLO ${phloId}`) };
  return { ok: true, node };
}

function getNode(ctx: ApiContext, phloId: string, nodeId: string): ApiResponse {
  const found = findNode(ctx, phloId, nodeId);
  if (!found.ok) return found.response;
  const { node } = found;
  return reply(200, {
    node_id: node.id,
    phlo_id: phloId,
    name: node.name,
    node_type: 'multi_party_call',
    created_on: node.createdOn,
  });
}

function updateNode(ctx: ApiContext, phloId: string, nodeId: string, text: string): ApiResponse {
  const found = findNode(ctx, phloId, nodeId);
  if (!found.ok) return found.response;
  const body = jsonObject(text, false);
  if (!body.ok) return body.response;
  const { action } = body.value;
  if (action === undefined) return fail(400, 'action is required');
  if (!oneOf(CALL_ACTIONS, action)) {
    return fail(400, `unknown action ${JSON.stringify(action)}; expected one of ${CALL_ACTIONS.join(', ')}`);
  }
  const to = requiredString(body.value, 'to');
  if (!to.ok) return to.response;
  const role = requiredString(body.value, 'role');
  if (!role.ok) return role.response;
  const triggerSource = requiredString(body.value, 'trigger_source');
  if (!triggerSource.ok) return triggerSource.response;
  if (!oneOf(['agent', 'customer'] as const, role.value)) return fail(400, 'role must be "agent" or "customer"');
  if (!isAddress(to.value)) return fail(400, `to ${JSON.stringify(to.value)} is not a phone number or SIP endpoint address`);
  if (!isAddress(triggerSource.value)) {
    return fail(400, `trigger_source ${JSON.stringify(triggerSource.value)} is not a phone number or SIP endpoint address`);
  }
  const request: CallRequest = { action, to: to.value, role: role.value, triggerSource: triggerSource.value };
  return fromOutcome(ctx.state.callAction(found.node, request));
}

function updateMember(ctx: ApiContext, phloId: string, nodeId: string, address: string, text: string): ApiResponse {
  const found = findNode(ctx, phloId, nodeId);
  if (!found.ok) return found.response;
  const body = jsonObject(text, false);
  if (!body.ok) return body.response;
  const { action } = body.value;
  if (action === undefined) return fail(400, 'action is required');
  if (typeof action === 'string' && ctx.extraMemberActions?.includes(action) === true) {
    if (!isAddress(address)) return fail(400, `member address ${JSON.stringify(address)} is not a phone number or SIP endpoint address`);
    return fromOutcome(ctx.state.otherMemberAction(found.node, address));
  }
  if (!oneOf<MemberActionName>(MEMBER_ACTIONS, action)) {
    return fail(400, `unknown action ${JSON.stringify(action)}; expected one of ${MEMBER_ACTIONS.join(', ')}`);
  }
  if (!isAddress(address)) return fail(400, `member address ${JSON.stringify(address)} is not a phone number or SIP endpoint address`);
  return fromOutcome(ctx.state.memberAction(found.node, address, action));
}
