/**
 * The Workflow Builder steps phlo-bot offers, and the one place that turns a step's inputs into the
 * draft a command would make. `manifest.yml` declares the same callback ids and inputs; a test keeps
 * the two in step.
 */
import { z } from 'zod';
import { InvalidInputError } from '../actions/errors.js';
import { isMemberAction, type Catalogue } from '../actions/catalogue/index.js';
import { TRANSFER_MODES } from '../domain/vocabulary.js';
import { InvalidArgumentError } from '../language/errors.js';
import { draftOf, type DraftCore } from '../language/toDraft.js';

/** A step's inputs as Slack sends them: text, or absent when the workflow left an optional one empty. */
export type StepInputs = Readonly<Record<string, unknown>>;

export interface WorkflowStep {
  /** The manifest's `functions` key, and what Slack's `function_executed` event names. */
  callbackId: string;
  /** The inputs besides `user` and `channel`, as declared. */
  inputs: readonly string[];
  /** The catalogue actions it can make (for metrics and for ending it after an approval). */
  actions(catalogue: Catalogue): readonly string[];
  /** The draft's action, target and input; throws a UserInputError for input no command would take. */
  toDraft(inputs: StepInputs, catalogue: Catalogue): DraftCore;
}

/** An optional text input: empty or blank counts as not given. */
const text = (inputs: StepInputs, name: string): string | undefined => {
  const value = inputs[name];
  if (value === undefined || value === null) return undefined;
  // Slack sends text for every input declared here; anything else is shown as sent, for the schema to refuse.
  const s = (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value)).trim();
  return s === '' ? undefined : s;
};

/** The values every dialling step shares with `/phlo call` and `/phlo transfer`. */
const dialValues = (inputs: StepInputs) => ({
  to: text(inputs, 'to'),
  role: text(inputs, 'role'),
  from: text(inputs, 'from'),
  phlo: text(inputs, 'phlo'),
  node: text(inputs, 'node'),
});

const Kind = z.enum(TRANSFER_MODES);

const memberActions = (catalogue: Catalogue): string[] => catalogue.entries.filter(isMemberAction).map((spec) => spec.name);

/**
 * A run's payload: one `key=value` a line, blank lines skipped, keys and values exactly as typed
 * apart from the spaces around them. PHLO must get the keys the workflow's author wrote; the run's
 * schema says which keys and values it takes.
 */
export function payloadParams(payload: string | undefined): Record<string, string> {
  // A Map while collecting: `__proto__` is a key like any other.
  const params = new Map<string, string>();
  for (const raw of (payload ?? '').split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    const eq = line.indexOf('=');
    if (eq === -1) throw new InvalidArgumentError({ argument: 'payload', input: line, reason: 'param_not_key_value' });
    const key = line.slice(0, eq).trim();
    if (key === '') throw new InvalidArgumentError({ argument: 'payload', input: line, reason: 'param_empty_key' });
    if (params.has(key)) throw new InvalidArgumentError({ argument: 'payload', input: line, reason: 'param_duplicate_key', key });
    params.set(key, line.slice(eq + 1).trim());
  }
  const out: Record<string, string> = {};
  for (const [key, value] of params) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

export const WORKFLOW_STEPS: readonly WorkflowStep[] = [
  {
    callbackId: 'phlo_transfer',
    inputs: ['kind', 'to', 'role', 'from', 'phlo', 'node'],
    actions: () => ['warm_transfer', 'cold_transfer'],
    toDraft: (inputs, catalogue) => {
      const kind = Kind.safeParse(text(inputs, 'kind'));
      if (!kind.success) throw new InvalidInputError('kind', `must be ${TRANSFER_MODES.join(' or ')}`);
      const grammar = catalogue.grammar('transfer');
      if (grammar === undefined) throw new Error('the catalogue has no transfer');
      const values = { mode: kind.data, ...dialValues(inputs) };
      return draftOf(catalogue, grammar.action(values), values);
    },
  },
  {
    callbackId: 'phlo_call',
    inputs: ['to', 'role', 'from', 'phlo', 'node'],
    actions: () => ['call'],
    toDraft: (inputs, catalogue) => draftOf(catalogue, 'call', dialValues(inputs)),
  },
  {
    callbackId: 'phlo_member_action',
    inputs: ['action', 'member', 'phlo', 'node'],
    actions: memberActions,
    toDraft: (inputs, catalogue) => {
      const action = text(inputs, 'action');
      const allowed = memberActions(catalogue);
      if (action === undefined || !allowed.includes(action)) {
        throw new InvalidInputError('action', `must be one of ${allowed.join(', ')}`);
      }
      return draftOf(catalogue, action, { member: text(inputs, 'member'), phlo: text(inputs, 'phlo'), node: text(inputs, 'node') });
    },
  },
  {
    callbackId: 'phlo_run',
    inputs: ['phlo', 'payload'],
    actions: () => ['run'],
    toDraft: (inputs, catalogue) =>
      draftOf(catalogue, 'run', { phlo: text(inputs, 'phlo'), params: payloadParams(text(inputs, 'payload')) }),
  },
];

/** The step that makes `action`, for naming a step run ended after an approval. */
export function stepOf(catalogue: Catalogue, action: string): string {
  return WORKFLOW_STEPS.find((step) => step.actions(catalogue).includes(action))?.callbackId ?? action;
}
