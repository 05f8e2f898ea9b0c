import { z } from 'zod';
import { Address } from '../domain/address.js';
import { RUN_PARAM_KEY } from '../domain/vocabulary.js';
import type { Permission } from '../config/index.js';
import type { PhloClient } from '../plivo/index.js';
import type { ActionName, ActionRequest, Identity, MemberActionName } from './types.js';

/** What PHLO answered, reduced to what a reply shows. */
export interface PhloAnswer {
  /** Absent when PHLO's answer did not carry one: a 2xx without it still means PHLO acted. */
  apiId?: string | undefined;
  /** The HTTP status PHLO answered with. */
  status?: number | undefined;
  /** Text PHLO wrote that the user should read as it is (a run's message). */
  message?: string | undefined;
  /** Facts to list in the reply (status queries). */
  facts?: [label: string, value: string][] | undefined;
}

/** A button offered after an action: the action it runs and the member it acts on. */
export interface FollowUp {
  action: MemberActionName;
  member: string;
}

export interface ActionSpec<S extends z.ZodType<Record<string, unknown>> = z.ZodType<Record<string, unknown>>> {
  name: ActionName;
  /** The `/phlo` verb that runs it. */
  verb: string;
  permission: Permission;
  /** `node`: acts on a multiparty call node; `phlo`: on the PHLO itself. */
  scope: 'node' | 'phlo';
  /** Changes a live call (so is deduplicated and answered in the call's thread), or only reads. */
  kind: 'change' | 'read';
  input: S;
  /** Fills defaults that depend on who asks (the user's own address as `from`). */
  defaults?(input: Record<string, unknown>, identity: Identity): Record<string, unknown>;
  // Method syntax on purpose: each entry narrows the request to its own input type.
  member?(input: z.infer<S>): string | undefined;
  perform(client: PhloClient, request: ActionRequest<z.infer<S>>): Promise<PhloAnswer>;
  next(request: ActionRequest<z.infer<S>>): FollowUp[];
}

const Role = z.enum(['agent', 'customer']);
const DialInput = z.object({ to: Address, role: Role.default('agent'), from: Address });
const MemberInput = z.object({ member: Address });
/**
 * A run's payload, sent as given. Not z.record: it would drop a key named `__proto__`, and
 * PHLO must get exactly the keys the user typed.
 */
const RunParams = z.custom<Record<string, string>>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.entries(value).every(
      ([key, v]) => RUN_PARAM_KEY.test(key) && key.length <= 100 && typeof v === 'string' && v.length <= 2000,
    ),
  { message: 'must be key=value pairs: keys of letters, digits, _ . - (at most 100), values of at most 2000 characters' },
);
const RunInput = z.object({ params: RunParams.default({}) });
const RunStatusInput = z.object({ runId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) });
const NoInput = z.object({});

type Fact = [label: string, value: string | undefined];

/** The facts PHLO's answer had: a field it left out is left out of the reply, not shown as blank. */
function known(facts: Fact[]): [string, string][] {
  return facts.filter((fact): fact is [string, string] => fact[1] !== undefined && fact[1] !== '');
}

/** A list of ids as a fact: `none` when PHLO said the list is empty, absent when it did not say. */
const list = (values: string[] | undefined): string | undefined => (values === undefined ? undefined : values.join(', ') || 'none');

const withOwnAddress = (input: Record<string, unknown>, identity: Identity): Record<string, unknown> =>
  input.from === undefined && identity.address !== undefined ? { ...input, from: identity.address } : input;

function nodeOf(request: ActionRequest<unknown>): string {
  // The pipeline resolves a node for every node-scoped action before calling perform.
  if (request.node === undefined) throw new Error(`${request.action} needs a node`);
  return request.node.id;
}

function dial(name: 'call' | 'warm_transfer' | 'cold_transfer', next: (to: string, from: string) => FollowUp[]): ActionSpec<typeof DialInput> {
  return {
    name,
    verb: name === 'call' ? 'call' : 'transfer',
    permission: name === 'call' ? 'call' : 'transfer',
    scope: 'node',
    kind: 'change',
    input: DialInput,
    defaults: withOwnAddress,
    member: (input) => input.to,
    perform: async (client, { phlo, input, ...request }) => {
      const result = await client.updateMultiPartyCall(phlo.id, nodeOf({ phlo, input, ...request }), {
        action: name,
        to: input.to,
        role: input.role,
        trigger_source: input.from,
      });
      return { apiId: result.apiId, status: result.status, message: result.error };
    },
    next: ({ input }) => next(input.to, input.from),
  };
}

function memberAction(
  name: 'hold' | 'unhold' | 'hangup' | 'resume' | 'abort' | 'voicemail',
  phloAction: 'hold' | 'unhold' | 'hangup' | 'resume_call' | 'abort_transfer' | 'voicemail_drop',
  next: (member: string) => FollowUp[],
): ActionSpec<typeof MemberInput> {
  return {
    name,
    verb: name,
    permission: name,
    scope: 'node',
    kind: 'change',
    input: MemberInput,
    member: (input) => input.member,
    perform: async (client, request) => {
      const result = await client.updateMember(request.phlo.id, nodeOf(request), request.input.member, phloAction);
      return { apiId: result.apiId, status: result.status, message: result.error };
    },
    next: ({ input }) => next(input.member),
  };
}

const holdAndHangUp = (member: string): FollowUp[] => [
  { action: 'hold', member },
  { action: 'hangup', member },
];

/** Every PHLO action phlo-bot can take, defined once. Adding an action is adding an entry here. */
export const CATALOGUE = {
  call: dial('call', (to) => holdAndHangUp(to)),
  warm_transfer: dial('warm_transfer', (_to, from) => [
    // PHLO resumes or aborts a warm transfer through the member who started it.
    { action: 'resume', member: from },
    { action: 'abort', member: from },
  ]),
  cold_transfer: dial('cold_transfer', (to) => holdAndHangUp(to)),
  hold: memberAction('hold', 'hold', (member) => [{ action: 'unhold', member }]),
  unhold: memberAction('unhold', 'unhold', (member) => [{ action: 'hold', member }]),
  hangup: memberAction('hangup', 'hangup', () => []),
  resume: memberAction('resume', 'resume_call', () => []),
  abort: memberAction('abort', 'abort_transfer', () => []),
  voicemail: memberAction('voicemail', 'voicemail_drop', () => []),
  run: {
    name: 'run',
    verb: 'run',
    permission: 'run',
    scope: 'phlo',
    kind: 'change',
    input: RunInput,
    perform: async (client, { phlo, input }) => {
      const result = await client.runPhlo(phlo.id, input.params);
      // The run id is what `/phlo run-status` takes, so the reply says it even when `api_id` is missing.
      return { apiId: result.apiId, status: result.status, message: result.message, facts: known([['run id', result.runId]]) };
    },
    next: () => [],
  } satisfies ActionSpec<typeof RunInput>,
  phlo_status: {
    name: 'phlo_status',
    verb: 'status',
    permission: 'status',
    scope: 'phlo',
    kind: 'read',
    input: NoInput,
    perform: async (client, { phlo }) => {
      const found = await client.getPhlo(phlo.id);
      return {
        apiId: found.apiId,
        status: found.status,
        facts: known([
          ['PHLO', found.name],
          ['id', found.phloId ?? phlo.id],
          ['created', found.createdOn],
        ]),
      };
    },
    next: () => [],
  } satisfies ActionSpec<typeof NoInput>,
  node_status: {
    name: 'node_status',
    verb: 'status',
    permission: 'status',
    scope: 'node',
    kind: 'read',
    input: NoInput,
    perform: async (client, request) => {
      const node = await client.getMultiPartyCall(request.phlo.id, nodeOf(request));
      return {
        apiId: node.apiId,
        status: node.status,
        facts: known([
          ['node', node.name],
          ['type', node.nodeType],
          ['id', node.nodeId ?? nodeOf(request)],
          ['created', node.createdOn],
        ]),
      };
    },
    next: () => [],
  } satisfies ActionSpec<typeof NoInput>,
  run_status: {
    name: 'run_status',
    verb: 'run-status',
    permission: 'status',
    scope: 'phlo',
    kind: 'read',
    input: RunStatusInput,
    perform: async (client, { phlo, input }) => {
      const run = await client.getRun(phlo.id, input.runId);
      return {
        apiId: run.apiId,
        status: run.status,
        facts: known([
          ['run', run.runId ?? input.runId],
          ['calls', list(run.callUuids)],
          ['messages', list(run.messageUuids)],
          ['recordings', list(run.recordingIds)],
        ]),
      };
    },
    next: () => [],
  } satisfies ActionSpec<typeof RunStatusInput>,
} satisfies Record<ActionName, ActionSpec>;

export function actionSpec(name: ActionName): ActionSpec {
  return CATALOGUE[name];
}
