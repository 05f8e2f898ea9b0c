/**
 * Reading the words after a verb by the catalogue entry's grammar: positionals in order, then the
 * flags' values. Input gets its shape here (canonical addresses, decoded values); whether it is a
 * valid action on a configured PHLO is the pipeline's to say.
 */
import { parseAddress } from '../domain/address.js';
import { RUN_PARAM_KEY } from '../domain/vocabulary.js';
import { slackPlainText } from '../domain/text.js';
import type { Flag, Grammar, Positional } from '../actions/catalogue/index.js';
import { InvalidArgumentError, MissingArgumentError, UnexpectedArgumentError } from './errors.js';
import { closest } from './suggest.js';

export interface Word {
  text: string;
  /** Index among all words after the verb; tells whether two positionals were adjacent. */
  index: number;
}

export interface Args {
  verb: string;
  positionals: Word[];
  /** Flag name (no dashes, lower-case) → value as typed. */
  values: Map<string, string>;
  switches: Set<string>;
}

/** What a grammar read: complete, or missing required positionals (named in synopsis order). */
export type GrammarResult =
  | { complete: true; values: Record<string, unknown> }
  | { complete: false; given: Record<string, unknown>; missing: string[] };

export function rejectExtra(args: Args, allowedCount: number): void {
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
function joinAddress(args: Args, start: number): { raw?: string; extra?: Word } {
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

export function oneOf(argument: string, input: string, allowed: readonly string[], reason: InvalidArgumentError['reason']): string {
  const lower = input.toLowerCase();
  const found = allowed.find((a) => a === lower);
  if (found !== undefined) return found;
  throw new InvalidArgumentError({ argument, input, reason, allowed, suggestion: closest(input, allowed) });
}

/** `key=value` words: keys as typed, values decoded from Slack's encoding. Own properties even for `__proto__`. */
function readParams(words: readonly Word[]): Record<string, string> {
  // A Map, not an object, while collecting: `__proto__` or `constructor` are keys like any other.
  const params = new Map<string, string>();
  for (const { text } of words) {
    const eq = text.indexOf('=');
    if (eq === -1) throw new InvalidArgumentError({ argument: 'params', input: text, reason: 'param_not_key_value' });
    const key = text.slice(0, eq);
    if (key === '') throw new InvalidArgumentError({ argument: 'params', input: text, reason: 'param_empty_key' });
    // Checked here too, for the answer to name the word typed (the schema checks them again).
    if (!RUN_PARAM_KEY.test(key)) throw new InvalidArgumentError({ argument: 'params', input: text, reason: 'param_bad_key', key });
    if (params.has(key)) throw new InvalidArgumentError({ argument: 'params', input: text, reason: 'param_duplicate_key', key });
    // Values are data for PHLO: send what the user typed, not Slack's encoding of it.
    params.set(key, slackPlainText(text.slice(eq + 1)));
  }
  return Object.fromEntries(params);
}

/** Reads positional `p` at `cursor`: the value (if any) and where the next positional starts. */
function readPositional(args: Args, p: Positional, next: Positional | undefined, cursor: number): { value?: unknown; cursor: number } {
  const word = args.positionals[cursor];
  switch (p.kind) {
    case 'address': {
      const { raw, extra } = joinAddress(args, cursor);
      if (extra !== undefined) throw new UnexpectedArgumentError({ verb: args.verb, input: extra.text });
      return raw === undefined ? { cursor } : { value: parseAddress(raw, p.name), cursor: args.positionals.length };
    }
    case 'choice': {
      if (word === undefined) return { cursor };
      // `transfer +14155551234` forgot the mode: the form asks for it with the number filled in. A word
      // that doesn't start like an address is a mistyped choice (`wram`), the likelier reading.
      if (next?.kind === 'address' && ADDRESS_START.test(word.text) && !p.choices.includes(word.text.toLowerCase())) return { cursor };
      return { value: oneOf(p.name, word.text, p.choices, p.reason), cursor: cursor + 1 };
    }
    case 'word':
      // `run note=x` is a run whose PHLO is missing, not a PHLO named `note=x`.
      if (word === undefined || (next?.kind === 'params' && word.text.includes('='))) return { cursor };
      return { value: word.text, cursor: cursor + 1 };
    case 'params': {
      const params = readParams(args.positionals.slice(cursor));
      return { value: Object.keys(params).length === 0 ? undefined : params, cursor: args.positionals.length };
    }
  }
}

function readFlag(name: string, flag: Flag, value: string): unknown {
  switch (flag.kind) {
    case 'address':
      return parseAddress(value, name);
    case 'choice':
      return oneOf(name, value, flag.choices, flag.reason);
    case 'word':
      return value.trim();
  }
}

/**
 * The values a grammar reads from `args`, only those typed. Positionals are checked left to right,
 * then the flags in synopsis order; the first problem is thrown. Missing required positionals are
 * the grammar's to answer: its form opens, or the command is refused.
 */
export function readGrammar(grammar: Grammar, args: Args): GrammarResult {
  const values: Record<string, unknown> = {};
  const missing: Positional[] = [];
  let cursor = 0;
  grammar.positionals.forEach((p, k) => {
    const read = readPositional(args, p, grammar.positionals[k + 1], cursor);
    cursor = read.cursor;
    if (read.value !== undefined) values[p.name] = read.value;
    else if (p.required) missing.push(p);
  });
  rejectExtra(args, cursor);
  for (const [name, flag] of Object.entries(grammar.flags)) {
    const value = args.values.get(name);
    if (value !== undefined) values[name] = readFlag(name, flag, value);
  }
  if (missing.length > 0) {
    if (grammar.whenMissing === 'refuse') throw new MissingArgumentError({ verb: grammar.verb, missing: missing.map((p) => p.display ?? p.name) });
    return { complete: false, given: values, missing: missing.map((p) => p.name) };
  }
  // A run without parameters sends an empty payload.
  for (const p of grammar.positionals) if (p.kind === 'params') values[p.name] ??= {};
  return { complete: true, values };
}
