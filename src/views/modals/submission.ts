/**
 * Reading a modal's submission (`view.state.values`, `view.private_metadata`): an untrusted edge,
 * parsed with zod. Produces an ActionDraft for the pipeline (which checks the PHLO and node
 * against the configuration and authorizes again), or inline errors keyed by the block_id of
 * each bad field, for `ack({ response_action: 'errors', errors })`.
 */
import { z } from 'zod';
import { MEMBER_ACTIONS, type ActionDraft, type ActionName } from '../../actions/types.js';
import { Address } from '../../domain/address.js';
import type { InvalidAddressReason } from '../../commands/errors.js';
import { MEMBER_ROLES, RUN_PARAM_KEY, TRANSFER_MODES } from '../../commands/parse.js';
import { MODAL_ERRORS } from '../../messages.js';
import { MODAL_ACTION_IDS, MODAL_BLOCK_IDS, MODAL_CALLBACK_IDS } from '../ids.js';
import { MODAL_LIMITS, splitNodeValue } from './elements.js';
import { decodeModalMetadata } from './metadata.js';

/** An action from a modal: PHLO and node as ids, the channel from the metadata. */
export type ModalDraft = Omit<ActionDraft, 'slack'> & { channelId: string };

export type SubmissionResult =
  | { ok: true; draft: ModalDraft }
  /**
   * Inline errors by block_id. Empty only for a callback_id that is not a submittable modal of
   * this module (the picker has no submit button): not something to route here.
   */
  | { ok: false; errors: Record<string, string> };

/** As the catalogue's run input schema: parameter names at most 100 characters, values at most 2000. */
export const RUN_PARAM_LIMITS = { key: 100, value: 2000 } as const;

/** One element's state, as Slack sends it in `view.state.values[block_id][action_id]`. */
const ElementState = z.looseObject({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: z.looseObject({ value: z.string() }).nullish(),
});
const StateValues = z.record(z.string(), z.record(z.string(), z.unknown()));

/** An option value we wrote: a PHLO or node id (or alias), nothing else. */
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

class Reader {
  readonly errors: Record<string, string> = {};
  constructor(private readonly values: Record<string, Record<string, unknown>>) {}

  private element(blockId: string, actionId: string): z.infer<typeof ElementState> | undefined {
    const block = Object.hasOwn(this.values, blockId) ? this.values[blockId] : undefined;
    const raw = block !== undefined && Object.hasOwn(block, actionId) ? block[actionId] : undefined;
    const parsed = ElementState.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  }

  /** A text input's value, trimmed; undefined when empty or absent. */
  text(blockId: string, actionId: string): string | undefined {
    const value = this.element(blockId, actionId)?.value?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  /** A select's or radio group's chosen value. */
  choice(blockId: string, actionId: string): string | undefined {
    return this.element(blockId, actionId)?.selected_option?.value ?? undefined;
  }

  oneOf<T extends string>(blockId: string, actionId: string, allowed: readonly T[]): T | undefined {
    const value = this.choice(blockId, actionId);
    return (allowed as readonly string[]).includes(value ?? '') ? (value as T) : undefined;
  }

  fail(blockId: string, message: string): undefined {
    this.errors[blockId] ??= message;
    return undefined;
  }

  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }
}

const ADDRESS_REASONS = ['format', 'phone_length', 'sip_user', 'sip_host', 'too_long'] as const satisfies readonly InvalidAddressReason[];

function address(r: Reader, blockId: string, actionId: string): string | undefined {
  const raw = r.text(blockId, actionId);
  if (raw === undefined) return r.fail(blockId, MODAL_ERRORS.addressRequired);
  if (raw.length > MODAL_LIMITS.address) return r.fail(blockId, MODAL_ERRORS.addressTooLong(MODAL_LIMITS.address));
  const parsed = Address.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0] as { params?: { reason?: unknown } } | undefined;
  const reason = ADDRESS_REASONS.find((x) => x === issue?.params?.reason) ?? 'format';
  return r.fail(blockId, MODAL_ERRORS.address(reason, raw.replace(/\D/g, '').length));
}

function phlo(r: Reader): string | undefined {
  const value = r.choice(MODAL_BLOCK_IDS.phlo, MODAL_ACTION_IDS.phlo);
  return value !== undefined && ID.test(value) ? value : r.fail(MODAL_BLOCK_IDS.phlo, MODAL_ERRORS.choosePhlo);
}

/** The node option's `phloId/nodeId`, checked against the PHLO chosen. */
function node(r: Reader, phloId: string | undefined): string | undefined {
  const value = r.choice(MODAL_BLOCK_IDS.node, MODAL_ACTION_IDS.node);
  const parts = value === undefined ? undefined : splitNodeValue(value);
  if (parts === undefined || !ID.test(parts.phloId) || !ID.test(parts.nodeId)) {
    return r.fail(MODAL_BLOCK_IDS.node, MODAL_ERRORS.chooseNode);
  }
  if (phloId !== undefined && parts.phloId.toLowerCase() !== phloId.toLowerCase()) {
    return r.fail(MODAL_BLOCK_IDS.node, MODAL_ERRORS.nodeOfOtherPhlo);
  }
  return parts.nodeId;
}

const DOUBLE_QUOTES = ['"', '\u201C', '\u201D'];
const SINGLE_QUOTES = ["'", '\u2018', '\u2019'];
function unquote(value: string): string {
  if (value.length < 2) return value;
  const first = value.charAt(0);
  const last = value.charAt(value.length - 1);
  const quoted = (DOUBLE_QUOTES.includes(first) && DOUBLE_QUOTES.includes(last)) || (SINGLE_QUOTES.includes(first) && SINGLE_QUOTES.includes(last));
  return quoted ? value.slice(1, -1) : value;
}

/**
 * The run parameters, one `key=value` a line: keys by the command's rule (RUN_PARAM_KEY), blank
 * lines skipped, spaces around key and value dropped and one pair of quotes around the value
 * removed, as a command would. Modal text arrives as typed (not entity-encoded), so nothing is
 * decoded. The first bad line is the error.
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
    if (!RUN_PARAM_KEY.test(key)) return { ok: false, error: MODAL_ERRORS.paramBadKey(n, key) };
    if (key.length > RUN_PARAM_LIMITS.key) return { ok: false, error: MODAL_ERRORS.paramKeyTooLong(n, RUN_PARAM_LIMITS.key) };
    if (params.has(key)) return { ok: false, error: MODAL_ERRORS.paramDuplicateKey(n, key) };
    const value = unquote(line.slice(eq + 1).trim());
    if (value.length > RUN_PARAM_LIMITS.value) return { ok: false, error: MODAL_ERRORS.paramValueTooLong(n, RUN_PARAM_LIMITS.value) };
    params.set(key, value);
  }
  return { ok: true, params: Object.fromEntries(params) };
}

type Built = Omit<ModalDraft, 'channelId'>;

function readDial(r: Reader, kind: 'call' | 'transfer'): Built | undefined {
  const phloId = phlo(r);
  const nodeId = node(r, phloId);
  let action: ActionName = 'call';
  if (kind === 'transfer') {
    const mode = r.oneOf(MODAL_BLOCK_IDS.mode, MODAL_ACTION_IDS.mode, TRANSFER_MODES);
    if (mode === undefined) r.fail(MODAL_BLOCK_IDS.mode, MODAL_ERRORS.chooseMode);
    action = mode === 'cold' ? 'cold_transfer' : 'warm_transfer';
  }
  const to = address(r, MODAL_BLOCK_IDS.to, MODAL_ACTION_IDS.to);
  const roleChosen = r.choice(MODAL_BLOCK_IDS.role, MODAL_ACTION_IDS.role);
  const role = roleChosen === undefined ? 'agent' : r.oneOf(MODAL_BLOCK_IDS.role, MODAL_ACTION_IDS.role, MEMBER_ROLES);
  if (role === undefined) r.fail(MODAL_BLOCK_IDS.role, MODAL_ERRORS.chooseRole);
  const from = address(r, MODAL_BLOCK_IDS.from, MODAL_ACTION_IDS.from);
  if (!r.ok) return undefined;
  return { action, phlo: phloId, node: nodeId, input: { to, role, from } };
}

function readMember(r: Reader): Built | undefined {
  const phloId = phlo(r);
  const nodeId = node(r, phloId);
  const member = address(r, MODAL_BLOCK_IDS.member, MODAL_ACTION_IDS.member);
  const action = r.oneOf(MODAL_BLOCK_IDS.memberAction, MODAL_ACTION_IDS.memberAction, MEMBER_ACTIONS);
  if (action === undefined) r.fail(MODAL_BLOCK_IDS.memberAction, MODAL_ERRORS.chooseMemberAction);
  if (!r.ok || action === undefined) return undefined;
  return { action, phlo: phloId, node: nodeId, input: { member } };
}

function readRun(r: Reader): Built | undefined {
  const phloId = phlo(r);
  const params = parseParamLines(r.text(MODAL_BLOCK_IDS.params, MODAL_ACTION_IDS.params));
  if (!params.ok) r.fail(MODAL_BLOCK_IDS.params, params.error);
  if (!r.ok || !params.ok) return undefined;
  return { action: 'run', phlo: phloId, input: { params: params.params } };
}

/**
 * Reads a submission of the call, transfer, member-action or run modal.
 *
 * @param callbackId the view's `callback_id` (MODAL_CALLBACK_IDS)
 * @param stateValues the view's `state.values`
 * @param metadata the view's `private_metadata`: a form whose metadata doesn't decode is refused
 *   with an error on its PHLO field (present in every submittable modal).
 */
export function readSubmission(callbackId: string, stateValues: unknown, metadata: unknown): SubmissionResult {
  const kind = (['call', 'transfer', 'member', 'run'] as const).find((k) => MODAL_CALLBACK_IDS[k] === callbackId);
  if (kind === undefined) return { ok: false, errors: {} };
  const meta = decodeModalMetadata(metadata);
  const values = StateValues.safeParse(stateValues);
  if (meta === undefined || !values.success) return { ok: false, errors: { [MODAL_BLOCK_IDS.phlo]: MODAL_ERRORS.expired } };
  const r = new Reader(values.data);
  const built = kind === 'member' ? readMember(r) : kind === 'run' ? readRun(r) : readDial(r, kind);
  if (built === undefined || !r.ok) return { ok: false, errors: r.errors };
  return { ok: true, draft: { ...built, channelId: meta.channelId } };
}
