/**
 * Reading a modal's submission (`view.state.values`, `view.private_metadata`): an untrusted edge,
 * given its shape here (what was chosen, what was typed, which action) and nothing more. The
 * pipeline checks the input with the action's schema, as for a command; its problems come back as
 * inline errors keyed by the block_id of each field (`problemBlocks`).
 */
import { z } from 'zod';
import type { Catalogue, FormKind } from '../../actions/catalogue/index.js';
import { InvalidInputError, NoOwnAddressError } from '../../actions/errors.js';
import { MISSING } from '../../actions/inputProblems.js';
import type { ActionDraft } from '../../actions/types.js';
import { draftOf } from '../../language/toDraft.js';
import { TRANSFER_MODES } from '../../domain/vocabulary.js';
import { unquote } from '../../language/tokenize.js';
import type { UserInputError } from '../../errors.js';
import { inlineError, MODAL_ERRORS } from '../../text/index.js';
import { canonicalAddress } from '../../domain/address.js';
import { isActionIdOf, MODAL_ACTION_IDS, MODAL_BLOCK_IDS, MODAL_CALLBACK_IDS } from '../ids.js';
import { splitNodeValue } from './target.js';
import { decodeModalMetadata } from './metadata.js';

/** An action from a modal: PHLO and node as ids, the channel from the metadata. */
export type ModalDraft = Omit<ActionDraft, 'slack'> & { channelId: string };

export type SubmissionResult =
  | { ok: true; draft: ModalDraft }
  /**
   * Inline errors by block_id. Empty only for a callback_id that is not a submittable modal of
   * this module (the picker has no submit button): not something to route here. `draft` is what
   * the other fields hold, when the action is known, so their problems can be shown at once.
   */
  | { ok: false; errors: Record<string, string>; draft?: ModalDraft | undefined };

/** One element's state, as Slack sends it in `view.state.values[block_id][action_id]`. */
const ElementState = z.looseObject({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: z.looseObject({ value: z.string() }).nullish(),
});
const StateValues = z.record(z.string(), z.record(z.string(), z.unknown()));

/** An option value we wrote: a PHLO or node id (or alias), nothing else. */
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

type Field = keyof typeof MODAL_ACTION_IDS;

class Reader {
  readonly errors: Record<string, string> = {};
  constructor(private readonly values: Record<string, Record<string, unknown>>) {}

  /** The field's element: its action_id as written, or scoped to a PHLO or node (the node and member selects). */
  private element(field: Field): z.infer<typeof ElementState> | undefined {
    const blockId = MODAL_BLOCK_IDS[field];
    const block = Object.hasOwn(this.values, blockId) ? this.values[blockId] : undefined;
    const actionId = block === undefined ? undefined : Object.keys(block).find((id) => isActionIdOf(id, MODAL_ACTION_IDS[field]));
    const raw = block !== undefined && actionId !== undefined ? block[actionId] : undefined;
    const parsed = ElementState.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  }

  /** A text input's value, trimmed; undefined when empty or absent. */
  text(field: Field): string | undefined {
    const value = this.element(field)?.value?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  /** A select's or radio group's chosen value. */
  choice(field: Field): string | undefined {
    return this.element(field)?.selected_option?.value ?? undefined;
  }

  fail(field: Field, message: string): void {
    this.errors[MODAL_BLOCK_IDS[field]] ??= message;
  }

  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }
}

function phlo(r: Reader): string | undefined {
  const value = r.choice('phlo');
  if (value !== undefined && ID.test(value)) return value;
  r.fail('phlo', MODAL_ERRORS.choosePhlo);
  return undefined;
}

/** The node option's `phloId/nodeId`, checked against the PHLO chosen. */
function node(r: Reader, phloId: string | undefined): string | undefined {
  const value = r.choice('node');
  const parts = value === undefined ? undefined : splitNodeValue(value);
  if (parts === undefined || !ID.test(parts.phloId) || !ID.test(parts.nodeId)) {
    r.fail('node', MODAL_ERRORS.chooseNode);
    return;
  }
  if (phloId !== undefined && parts.phloId.toLowerCase() !== phloId.toLowerCase()) {
    r.fail('node', MODAL_ERRORS.nodeOfOtherPhlo);
    return;
  }
  return parts.nodeId;
}

/**
 * The member: chosen among those on the call, or typed; both at once only when they are the same
 * address. Which one the schema then checks: a chosen value is no more trusted than a typed one.
 */
function member(r: Reader): string | undefined {
  const typed = r.text('member');
  const chosen = r.choice('memberOnCall');
  if (typed !== undefined && chosen !== undefined && canonicalAddress(typed) !== canonicalAddress(chosen)) {
    r.fail('member', MODAL_ERRORS.memberTwice);
    return undefined;
  }
  return typed ?? chosen;
}

/**
 * The run parameters, one `key=value` a line: blank lines skipped, spaces around key and value
 * dropped and one pair of quotes around the value removed, as a command would. Modal text arrives
 * as typed (not entity-encoded), so nothing is decoded. Only the shape is checked here (the first
 * bad line is the error); whether a key or value is acceptable is the run's schema's to say.
 */
export function parseParamLines(text: string | undefined): { ok: true; params: Record<string, string> } | { ok: false; error: string } {
  // A Map while collecting: `__proto__` is a key like any other.
  const params = new Map<string, string>();
  const lines = (text ?? '').split(/\r\n|\r|\n/);
  for (const [index, raw] of lines.entries()) {
    const n = index + 1;
    const line = raw.trim();
    if (line === '') continue;
    const eq = line.indexOf('=');
    if (eq === -1) return { ok: false, error: MODAL_ERRORS.paramNotKeyValue(n) };
    const key = line.slice(0, eq).trim();
    if (key === '') return { ok: false, error: MODAL_ERRORS.paramEmptyKey(n) };
    if (params.has(key)) return { ok: false, error: MODAL_ERRORS.paramDuplicateKey(n, key) };
    params.set(key, unquote(line.slice(eq + 1).trim()));
  }
  return { ok: true, params: Object.fromEntries(params) };
}

type Values = Record<string, unknown>;

/** What each form's fields hold; the action is the grammar's to pick (warm or cold) or the one chosen. */
function readValues(r: Reader, kind: FormKind, catalogue: Catalogue): { values: Values; action?: string | undefined } {
  const phloId = phlo(r);
  // Every form may carry why, for an approver; absent when the form has no such field.
  const base: Values = { phlo: phloId, reason: r.text('reason') };
  switch (kind) {
    case 'call':
    case 'transfer': {
      base.node = node(r, phloId);
      // One of the options the form offered, or nothing chosen.
      const chosen = r.choice('mode');
      const mode = kind === 'transfer' ? TRANSFER_MODES.find((m) => m === chosen) : undefined;
      if (kind === 'transfer' && mode === undefined) r.fail('mode', MODAL_ERRORS.chooseMode);
      return { values: { ...base, mode, to: r.text('to'), role: r.choice('role'), from: r.text('from') } };
    }
    case 'member': {
      base.node = node(r, phloId);
      const chosen = r.choice('memberAction');
      const action = chosen === undefined ? undefined : catalogue.memberAction(chosen)?.name;
      if (action === undefined) r.fail('memberAction', MODAL_ERRORS.chooseMemberAction);
      return { values: { ...base, member: member(r) }, action };
    }
    case 'run': {
      const params = parseParamLines(r.text('params'));
      if (!params.ok) r.fail('params', params.error);
      return { values: { ...base, params: params.ok ? params.params : undefined } };
    }
  }
}

const FORMS = ['call', 'transfer', 'member', 'run'] as const satisfies readonly FormKind[];

/**
 * Reads a submission of the call, transfer, member-action or run modal into a draft for the pipeline.
 *
 * @param callbackId the view's `callback_id` (MODAL_CALLBACK_IDS)
 * @param stateValues the view's `state.values`
 * @param metadata the view's `private_metadata`: a form whose metadata doesn't decode is refused
 *   with an error on its PHLO field (present in every submittable modal).
 */
export function readSubmission(catalogue: Catalogue, callbackId: string, stateValues: unknown, metadata: unknown): SubmissionResult {
  const kind = FORMS.find((k) => MODAL_CALLBACK_IDS[k] === callbackId);
  if (kind === undefined) return { ok: false, errors: {} };
  const meta = decodeModalMetadata(metadata);
  const values = StateValues.safeParse(stateValues);
  if (meta === undefined || !values.success) return { ok: false, errors: { [MODAL_BLOCK_IDS.phlo]: MODAL_ERRORS.expired } };
  const r = new Reader(values.data);
  const read = readValues(r, kind, catalogue);
  // Without a valid choice of member action, the member field is still checked as every member action takes it.
  const spec = kind === 'member' ? catalogue.memberActions[0] : catalogue.entries.find((s) => s.form?.kind === kind);
  const action = kind === 'member' ? (read.action ?? (r.ok ? undefined : spec?.name)) : spec?.grammar.action(read.values);
  const draft = action === undefined ? undefined : { ...draftOf(catalogue, action, read.values), channelId: meta.channelId };
  if (!r.ok) return { ok: false, errors: r.errors, draft };
  if (draft === undefined) return { ok: false, errors: { [MODAL_BLOCK_IDS.phlo]: MODAL_ERRORS.expired } };
  return { ok: true, draft };
}

const ADDRESS_FIELDS = new Set(['to', 'from', 'member']);

/** The pipeline's problems with a submitted draft, as inline errors on the fields they concern (those with a field in the form). */
export function problemBlocks(problems: readonly UserInputError[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const problem of problems) {
    const field = problem.field?.split('.')[0];
    if (field === undefined || !Object.hasOwn(MODAL_BLOCK_IDS, field)) continue;
    const blockId = MODAL_BLOCK_IDS[field as Field];
    const text =
      // In a form, an empty From asks for an address, whatever the command would say.
      problem instanceof NoOwnAddressError
        ? MODAL_ERRORS.addressRequired
        : problem instanceof InvalidInputError
        ? problem.problem === MISSING
          ? ADDRESS_FIELDS.has(field) ? MODAL_ERRORS.addressRequired : MODAL_ERRORS.required
          : problem.problem
        : inlineError(problem);
    if (text !== undefined) errors[blockId] ??= text;
  }
  return errors;
}
