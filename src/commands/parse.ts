/**
 * The `/phlo` command language (SPEC §3), from Slack's command text to a typed Command.
 *
 * Pure: no configuration, so `--phlo` and `--node` values are passed on as typed (alias or id)
 * for the caller to resolve, and defaults (`--role agent`, the user's address, the channel's
 * PHLO, `--limit 10`) are the caller's to apply. An optional field is absent, never `undefined`,
 * when it was not typed.
 */
import { parseAddress } from '../domain/address.js';
import {
  DuplicateFlagError,
  InvalidArgumentError,
  MissingArgumentError,
  MissingFlagValueError,
  UnexpectedArgumentError,
  UnknownCommandError,
  UnknownFlagError,
} from './errors.js';
import { closest } from './suggest.js';
import { HISTORY_LIMIT, isMemberVerb, isVerb, MEMBER_ROLES, RUN_PARAM_KEY, TRANSFER_MODES, VERBS, type MemberRole, type MemberVerb, type TransferMode, type Verb } from '../domain/vocabulary.js';
import { slackPlainText } from '../domain/text.js';
import { tokenize } from './tokenize.js';

export {
  HISTORY_LIMIT,
  isMemberVerb,
  isVerb,
  MEMBER_ROLES,
  MEMBER_VERBS,
  RUN_PARAM_KEY,
  TRANSFER_MODES,
  VERBS,
  type MemberRole,
  type MemberVerb,
  type TransferMode,
  type Verb,
} from '../domain/vocabulary.js';

/** The PHLO and multiparty call node a command acts on, as typed (alias or id). */
export interface Target {
  phlo?: string;
  node?: string;
}

export interface PickerCommand {
  verb: 'picker';
}
export interface HelpCommand {
  verb: 'help';
  topic?: Verb;
}
export interface WhoamiCommand {
  verb: 'whoami';
}
export interface CallCommand extends Target {
  verb: 'call';
  /** Canonical address (see parseAddress). */
  to: string;
  role?: MemberRole;
  /** Canonical address; the PHLO `trigger_source`. */
  from?: string;
}
export interface TransferCommand extends Target {
  verb: 'transfer';
  mode: TransferMode;
  to: string;
  role?: MemberRole;
  from?: string;
}
export interface MemberCommand extends Target {
  verb: MemberVerb;
  /** Canonical address. */
  member: string;
}
export interface RunCommand {
  verb: 'run';
  phlo: string;
  /** Keys as typed, values decoded from Slack's encoding. Own properties even for `__proto__`. */
  params: Record<string, string>;
}
export interface StatusCommand {
  verb: 'status';
  phlo?: string;
  node?: string;
}
export interface RunStatusCommand {
  verb: 'run-status';
  phlo: string;
  runId: string;
}
export interface HistoryCommand {
  verb: 'history';
  /** Canonical address. */
  member?: string;
  limit?: number;
  csv: boolean;
}

export type Command =
  | PickerCommand
  | HelpCommand
  | WhoamiCommand
  | CallCommand
  | TransferCommand
  | MemberCommand
  | RunCommand
  | StatusCommand
  | RunStatusCommand
  | HistoryCommand;

/**
 * A command that opens its modal because required arguments are missing. `given` holds what was
 * typed, already validated and normalized, to prefill the modal; `missing` names the absent
 * arguments in synopsis order.
 */
export type Incomplete =
  | { kind: 'incomplete'; verb: 'call'; given: Partial<Omit<CallCommand, 'verb'>>; missing: 'to'[] }
  | {
      kind: 'incomplete';
      verb: 'transfer';
      given: Partial<Omit<TransferCommand, 'verb'>>;
      missing: ('mode' | 'to')[];
    }
  | {
      kind: 'incomplete';
      verb: MemberVerb;
      given: Partial<Omit<MemberCommand, 'verb'>>;
      missing: 'member'[];
    }
  | { kind: 'incomplete'; verb: 'run'; given: Partial<Omit<RunCommand, 'verb'>>; missing: 'phlo'[] };

export type ParseResult = { kind: 'command'; command: Command } | Incomplete;

/** A flag either takes a value (`--limit 5`, `--limit=5`) or is a switch (`--csv`). */
export type FlagKind = 'value' | 'switch';

const TARGET_FLAGS = { phlo: 'value', node: 'value' } as const satisfies Record<string, FlagKind>;
const DIAL_FLAGS = { role: 'value', from: 'value', ...TARGET_FLAGS } as const satisfies Record<
  string,
  FlagKind
>;

/** The flags of each verb, in synopsis order. */
export const FLAGS: Readonly<Record<Verb, Readonly<Record<string, FlagKind>>>> = {
  help: {},
  whoami: {},
  call: DIAL_FLAGS,
  transfer: DIAL_FLAGS,
  hold: TARGET_FLAGS,
  unhold: TARGET_FLAGS,
  hangup: TARGET_FLAGS,
  resume: TARGET_FLAGS,
  abort: TARGET_FLAGS,
  voicemail: TARGET_FLAGS,
  run: {},
  status: { node: 'value' },
  'run-status': {},
  history: { member: 'value', limit: 'value', csv: 'switch' },
};

interface Positional {
  text: string;
  /** Index among all words after the verb; tells whether two positionals were adjacent. */
  index: number;
}

interface Args {
  verb: Verb;
  positionals: Positional[];
  /** Flag name (no dashes, lower-case) → value as typed. */
  values: Map<string, string>;
  switches: Set<string>;
}

/**
 * `--name`, and the em or en dash some Slack clients put in place of `--` (the same
 * autocorrection that makes smart quotes). Returns the part after the dashes.
 */
function flagBody(word: string): string | undefined {
  const match = /^(?:--|\u2014|\u2013)(.*)$/su.exec(word);
  return match?.[1];
}

/** Split the words after the verb into positionals and flags, checking each flag against the verb. */
function readArgs(verb: Verb, words: readonly string[]): Args {
  const flags = FLAGS[verb];
  const allowed = Object.keys(flags);
  const args: Args = { verb, positionals: [], values: new Map(), switches: new Set() };

  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const body = flagBody(word);
    if (body === undefined) {
      args.positionals.push({ text: word, index: i });
      continue;
    }

    const eq = body.indexOf('=');
    const name = (eq === -1 ? body : body.slice(0, eq)).toLowerCase();
    const flag = `--${name}`;
    const kind = Object.hasOwn(flags, name) ? flags[name] : undefined;
    if (kind === undefined) {
      const suggestion = closest(name, allowed);
      throw new UnknownFlagError({
        flag,
        verb,
        allowed: allowed.map((f) => `--${f}`),
        suggestion: suggestion === undefined ? undefined : `--${suggestion}`,
      });
    }
    if (args.values.has(name) || args.switches.has(name)) throw new DuplicateFlagError({ flag, verb });

    if (kind === 'switch') {
      if (eq !== -1) {
        throw new InvalidArgumentError({ argument: name, input: word, reason: 'flag_takes_no_value' });
      }
      args.switches.add(name);
      continue;
    }

    let value: string | undefined;
    if (eq !== -1) {
      value = body.slice(eq + 1);
    } else {
      const next = words[i + 1];
      // A flag right after a flag means the first one's value was forgotten, not that it is "--x".
      if (next !== undefined && flagBody(next) === undefined) {
        value = next;
        i++;
      }
    }
    if (value === undefined || value.trim() === '') throw new MissingFlagValueError({ flag, verb });
    args.values.set(name, value);
  }
  return args;
}

function toVerb(word: string): Verb {
  const lower = word.toLowerCase();
  if (isVerb(lower)) return lower;
  // `--help` and `—help` should still point at `help`.
  const suggestion = closest(lower.replace(/^(?:-+|\u2014|\u2013)/u, ''), VERBS);
  throw new UnknownCommandError({ input: word, suggestion });
}

function rejectExtra(args: Args, allowedCount: number): void {
  const extra = args.positionals[allowedCount];
  if (extra !== undefined) throw new UnexpectedArgumentError({ verb: args.verb, input: extra.text });
}

/** A word that can be part of a phone number typed with spaces: `+1`, `(415)`, `555-1234`. */
const PHONE_PART = /^[\d().-]+$/;

/**
 * The address positional starting at `start`, the last positional of its verb. People type phone
 * numbers with spaces (`/phlo call +1 415 555 1234`); when Slack does not link them, the number
 * arrives as several words. They are joined when every word from `start` on is adjacent and
 * phone-shaped, with a `+` allowed only on the first, so two numbers never merge into one.
 * Otherwise `extra` is the first word too many.
 */
function joinAddress(args: Args, start: number): { raw?: string; extra?: Positional } {
  const rest = args.positionals.slice(start);
  const [first, second] = rest;
  if (first === undefined) return {};
  if (second === undefined) return { raw: first.text };
  const joinable =
    PHONE_PART.test(first.text.replace(/^\+/, '')) &&
    rest.every((p, k) => p.index === first.index + k && (k === 0 || PHONE_PART.test(p.text)));
  return joinable ? { raw: rest.map((p) => p.text).join(' ') } : { raw: first.text, extra: second };
}

/** How a phone number, SIP address or Slack link starts; no verb word or mode starts so. */
const ADDRESS_START = /^(?:[+(\d<]|sip:|tel:)/i;

/** joinAddress, then parseAddress; throws for a word too many. */
function addressArgument(args: Args, start: number, argument: string): string | undefined {
  const { raw, extra } = joinAddress(args, start);
  if (extra !== undefined) throw new UnexpectedArgumentError({ verb: args.verb, input: extra.text });
  return raw === undefined ? undefined : parseAddress(raw, argument);
}

function oneOf<T extends string>(
  argument: string,
  input: string,
  allowed: readonly T[],
  reason: 'unknown_role' | 'unknown_mode',
): T {
  const lower = input.toLowerCase();
  const found = allowed.find((a) => a === lower);
  if (found !== undefined) return found;
  throw new InvalidArgumentError({
    argument,
    input,
    reason,
    allowed,
    suggestion: closest(input, allowed),
  });
}

/** Validated `--role`, `--from`, `--phlo`, `--node`, only those typed. */
function dialFlags(args: Args): Partial<Pick<CallCommand, 'role' | 'from' | 'phlo' | 'node'>> {
  const out: Partial<Pick<CallCommand, 'role' | 'from' | 'phlo' | 'node'>> = {};
  const role = args.values.get('role');
  if (role !== undefined) out.role = oneOf('role', role, MEMBER_ROLES, 'unknown_role');
  const from = args.values.get('from');
  if (from !== undefined) out.from = parseAddress(from, 'from');
  return { ...out, ...targetFlags(args) };
}

function targetFlags(args: Args): Target {
  const out: Target = {};
  const phlo = args.values.get('phlo');
  if (phlo !== undefined) out.phlo = phlo.trim();
  const node = args.values.get('node');
  if (node !== undefined) out.node = node.trim();
  return out;
}

function parseCall(args: Args): ParseResult {
  const to = addressArgument(args, 0, 'to');
  const flags = dialFlags(args);
  if (to === undefined) return { kind: 'incomplete', verb: 'call', given: flags, missing: ['to'] };
  return { kind: 'command', command: { verb: 'call', to, ...flags } };
}

function parseTransfer(args: Args): ParseResult {
  const first = args.positionals[0];
  let mode: TransferMode | undefined;
  let to: string | undefined;
  if (first !== undefined) {
    const lower = first.text.toLowerCase();
    if (lower === 'warm' || lower === 'cold') {
      mode = lower;
      to = addressArgument(args, 1, 'to');
    } else {
      // `transfer +14155551234` forgot the mode: open the modal with the number filled in. A word
      // that doesn't start like an address is a mistyped mode (`wram`), the likelier reading.
      if (!ADDRESS_START.test(first.text)) oneOf('mode', first.text, TRANSFER_MODES, 'unknown_mode');
      to = addressArgument(args, 0, 'to');
    }
  }
  const flags = dialFlags(args);
  if (mode !== undefined && to !== undefined) {
    return { kind: 'command', command: { verb: 'transfer', mode, to, ...flags } };
  }
  const given: Partial<Omit<TransferCommand, 'verb'>> = { ...flags };
  if (mode !== undefined) given.mode = mode;
  if (to !== undefined) given.to = to;
  const missing: ('mode' | 'to')[] = [];
  if (mode === undefined) missing.push('mode');
  if (to === undefined) missing.push('to');
  return { kind: 'incomplete', verb: 'transfer', given, missing };
}

function parseMemberVerb(verb: MemberVerb, args: Args): ParseResult {
  const member = addressArgument(args, 0, 'member');
  const target = targetFlags(args);
  if (member === undefined) return { kind: 'incomplete', verb, given: target, missing: ['member'] };
  return { kind: 'command', command: { verb, member, ...target } };
}

/**
 * `run <phlo> [key=value ...]`. A word with `=` is a parameter, so `run note=x` is a run whose
 * PHLO is missing (the modal asks for it) rather than a PHLO named `note=x`.
 */
function parseRun(args: Args): ParseResult {
  let phlo: string | undefined;
  // A Map, not an object, while collecting: `__proto__` or `constructor` are keys like any other.
  const params = new Map<string, string>();
  for (const { text } of args.positionals) {
    const eq = text.indexOf('=');
    if (eq === -1) {
      if (phlo === undefined && params.size === 0) {
        phlo = text;
        continue;
      }
      throw new InvalidArgumentError({ argument: 'params', input: text, reason: 'param_not_key_value' });
    }
    const key = text.slice(0, eq);
    if (key === '') {
      throw new InvalidArgumentError({ argument: 'params', input: text, reason: 'param_empty_key' });
    }
    if (!RUN_PARAM_KEY.test(key)) {
      throw new InvalidArgumentError({ argument: 'params', input: text, reason: 'param_bad_key', key });
    }
    if (params.has(key)) {
      throw new InvalidArgumentError({
        argument: 'params',
        input: text,
        reason: 'param_duplicate_key',
        key,
      });
    }
    // Values are data for PHLO: send what the user typed, not Slack's encoding of it.
    params.set(key, slackPlainText(text.slice(eq + 1)));
  }
  const paramsObject = Object.fromEntries(params);
  if (phlo === undefined) {
    const given: Partial<Omit<RunCommand, 'verb'>> = params.size > 0 ? { params: paramsObject } : {};
    return { kind: 'incomplete', verb: 'run', given, missing: ['phlo'] };
  }
  return { kind: 'command', command: { verb: 'run', phlo, params: paramsObject } };
}

function parseHistory(args: Args): ParseResult {
  rejectExtra(args, 0);
  const command: HistoryCommand = { verb: 'history', csv: args.switches.has('csv') };
  const member = args.values.get('member');
  if (member !== undefined) command.member = parseAddress(member, 'member');
  const limit = args.values.get('limit');
  if (limit !== undefined) {
    const n = /^\d+$/.test(limit) ? Number(limit) : Number.NaN;
    if (!(n >= HISTORY_LIMIT.min && n <= HISTORY_LIMIT.max)) {
      throw new InvalidArgumentError({ argument: 'limit', input: limit, reason: 'limit_not_1_to_50' });
    }
    command.limit = n;
  }
  return { kind: 'command', command };
}

/**
 * Parse the text of a `/phlo` command (Slack's `text` field, still entity-encoded).
 *
 * Verbs and flag names are case-insensitive; `--flag value` and `--flag=value` are the same.
 * Arguments are checked left to right and the first problem is thrown. A call, transfer, member
 * action or run without its required arguments is not an error: it comes back `incomplete`,
 * with what was typed, for the modal.
 *
 * @throws one of the CommandError classes of ./errors.js
 */
export function parseCommand(text: string): ParseResult {
  const [first, ...rest] = tokenize(text);
  if (first === undefined) return { kind: 'command', command: { verb: 'picker' } };
  const verb = toVerb(first);
  const args = readArgs(verb, rest);

  switch (verb) {
    case 'help': {
      rejectExtra(args, 1);
      const topic = args.positionals[0];
      return { kind: 'command', command: topic === undefined ? { verb } : { verb, topic: toVerb(topic.text) } };
    }
    case 'whoami':
      rejectExtra(args, 0);
      return { kind: 'command', command: { verb } };
    case 'call':
      return parseCall(args);
    case 'transfer':
      return parseTransfer(args);
    case 'run':
      return parseRun(args);
    case 'status': {
      rejectExtra(args, 1);
      const command: StatusCommand = { verb };
      const phlo = args.positionals[0];
      if (phlo !== undefined) command.phlo = phlo.text;
      return { kind: 'command', command: { ...command, ...targetFlags(args) } };
    }
    case 'run-status': {
      rejectExtra(args, 2);
      const [phlo, runId] = args.positionals;
      if (phlo === undefined || runId === undefined) {
        throw new MissingArgumentError({ verb, missing: phlo === undefined ? ['phlo', 'run_id'] : ['run_id'] });
      }
      return { kind: 'command', command: { verb, phlo: phlo.text, runId: runId.text } };
    }
    case 'history':
      return parseHistory(args);
    default:
      return parseMemberVerb(verb, args);
  }
}
