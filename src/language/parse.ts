/**
 * The `/phlo` command language, from Slack's command text to a typed Command. The verbs that act
 * through PHLO, their arguments and flags are the catalogue's (see ./grammar.ts); help, whoami and
 * history are the bot's own.
 *
 * Pure: no configuration, so `--phlo` and `--node` values are passed on as typed (alias or id)
 * for the caller to resolve, and defaults (`--role agent`, the user's address, the channel's
 * PHLO, `--limit 10`) are the caller's to apply. An optional field is absent, never `undefined`,
 * when it was not typed.
 */
import { CATALOGUE, type AppGrammar, type Catalogue, type Grammar } from '../actions/catalogue/index.js';
import { parseAddress } from '../domain/address.js';
import { HISTORY_LIMIT } from '../domain/vocabulary.js';
import { DuplicateFlagError, InvalidArgumentError, MissingFlagValueError, UnknownCommandError, UnknownFlagError } from './errors.js';
import { readGrammar, rejectExtra, type Args } from './grammar.js';
import { closest } from './suggest.js';
import { tokenize } from './tokenize.js';
import { flagsOf, isBuiltInVerb, verbsOf } from './verbs.js';

export { HISTORY_LIMIT, MEMBER_ROLES, RUN_PARAM_KEY, TRANSFER_MODES, type MemberRole, type TransferMode } from '../domain/vocabulary.js';
export { FLAGS, isVerb, MEMBER_VERBS, VERBS, type FlagKind, type Verb } from './verbs.js';

export interface PickerCommand {
  verb: 'picker';
}
export interface HelpCommand {
  verb: 'help';
  /** A verb (never an alias). */
  topic?: string;
}
export interface WhoamiCommand {
  verb: 'whoami';
}
export interface HistoryCommand {
  verb: 'history';
  /** Canonical address. */
  member?: string;
  limit?: number;
  csv: boolean;
}
export type BuiltInCommand = PickerCommand | HelpCommand | WhoamiCommand | HistoryCommand;

/**
 * A command that runs an action of some catalogue: its verb and the arguments typed, by name (`to`,
 * `mode`, `member`, `params`, `runId`, and `phlo`/`node` as typed). Addresses are canonical.
 */
export interface ActionCommand {
  verb: string;
  [argument: string]: unknown;
}

type Simplify<T> = { [K in keyof T]: T[K] } & {};
/** What an argument of a kind reads as. */
type ValueOf<A> = A extends { kind: 'params' } ? Record<string, string> : A extends { kind: 'choice'; choices: readonly (infer C)[] } ? C : string;
/** Present in every complete command: a required positional, or the parameters (`{}` when none). */
type Always<P> = P extends { required: true } | { kind: 'params' } ? true : false;

/** The command a grammar reads, as a type: required positionals present, the rest absent unless typed. */
export type CommandOf<G extends Grammar> = G extends unknown
  ? Simplify<
      { verb: G['verb'] } & { [P in G['positionals'][number] as Always<P> extends true ? P['name'] : never]: ValueOf<P> } & {
        [P in G['positionals'][number] as Always<P> extends true ? never : P['name']]?: ValueOf<P>;
      } & { [K in keyof G['flags']]?: ValueOf<G['flags'][K]> }
    >
  : never;

/** A command of the app's language: built in, or one of the catalogue's, typed from its grammar. */
export type Command = BuiltInCommand | CommandOf<AppGrammar>;

/**
 * A command that opens its form because required arguments are missing. `given` holds what was
 * typed, already read and normalized, to prefill the form; `missing` names the absent arguments
 * in synopsis order.
 */
export interface Incomplete {
  kind: 'incomplete';
  verb: string;
  given: Record<string, unknown>;
  missing: string[];
}

export type ParseResult = { kind: 'command'; command: Command } | Incomplete;
/** What parsing with any catalogue gives: its commands are known by their arguments' names only. */
export type AnyParseResult = { kind: 'command'; command: BuiltInCommand | ActionCommand } | Incomplete;

const BUILT_IN = new Set(['picker', 'help', 'whoami', 'history']);
export const isBuiltInCommand = (command: BuiltInCommand | ActionCommand): command is BuiltInCommand => BUILT_IN.has(command.verb);

/**
 * `--name`, and the em or en dash some Slack clients put in place of `--` (the same
 * autocorrection that makes smart quotes). Returns the part after the dashes.
 */
function flagBody(word: string): string | undefined {
  const match = /^(?:--|\u2014|\u2013)(.*)$/su.exec(word);
  return match?.[1];
}

/** Split the words after the verb into positionals and flags, checking each flag against the verb. */
function readArgs(verb: string, flags: Readonly<Record<string, 'value' | 'switch'>>, words: readonly string[]): Args {
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
      if (eq !== -1) throw new InvalidArgumentError({ argument: name, input: word, reason: 'flag_takes_no_value' });
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

/** The verb a word names (verbs and aliases are case-insensitive). */
function toVerb(word: string, catalogue: Catalogue): string {
  const lower = word.toLowerCase();
  if (isBuiltInVerb(lower)) return lower;
  const grammar = catalogue.grammar(lower);
  if (grammar !== undefined) return grammar.verb;
  // `--help` and `—help` should still point at `help`.
  const suggestion = closest(lower.replace(/^(?:-+|\u2014|\u2013)/u, ''), verbsOf(catalogue));
  throw new UnknownCommandError({ input: word, suggestion });
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
 * Arguments are checked left to right and the first problem is thrown. An action command without
 * its required arguments is not an error when its grammar has a form: it comes back `incomplete`,
 * with what was typed, for the form.
 *
 * @param catalogue the actions whose verbs the language has (the app's by default)
 * @throws one of the CommandError classes of ./errors.js
 */
export function parseCommand(text: string): ParseResult;
export function parseCommand(text: string, catalogue: Catalogue): AnyParseResult;
export function parseCommand(text: string, catalogue: Catalogue = CATALOGUE): AnyParseResult {
  const [first, ...rest] = tokenize(text);
  if (first === undefined) return { kind: 'command', command: { verb: 'picker' } };
  const verb = toVerb(first, catalogue);
  const grammar = catalogue.grammar(verb);
  const args = readArgs(verb, flagsOf(grammar, verb) ?? {}, rest);

  if (grammar !== undefined) {
    const read = readGrammar(grammar, args);
    return read.complete
      ? { kind: 'command', command: { verb, ...read.values } }
      : { kind: 'incomplete', verb, given: read.given, missing: read.missing };
  }
  switch (verb) {
    case 'help': {
      rejectExtra(args, 1);
      const topic = args.positionals[0];
      return { kind: 'command', command: topic === undefined ? { verb } : { verb, topic: toVerb(topic.text, catalogue) } };
    }
    case 'whoami':
      rejectExtra(args, 0);
      return { kind: 'command', command: { verb } };
    default:
      return parseHistory(args);
  }
}
