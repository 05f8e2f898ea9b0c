/**
 * Errors raised while reading a `/phlo` command line or an address. Each carries the pieces a
 * user-facing sentence needs (src/text/errors.ts writes that sentence from `code` and the fields);
 * `message` is plain English for logs.
 *
 * Flags are named with their dashes (`--limit`) in every field, whatever dash the user typed.
 * Optional fields are `declare`d so that, when not set, they are absent rather than `undefined`
 * own properties (class fields are defined at ES2022+ targets).
 */
import { InvalidAddressError } from '../domain/address.js';
import { UserInputError } from '../errors.js';


// Addresses are read by the domain; the parser throws its error as its own.
export { InvalidAddressError, type InvalidAddressReason } from '../domain/address.js';

/** An opening quote without its closing quote. */
export class UnterminatedQuoteError extends UserInputError {
  readonly code = 'UNTERMINATED_QUOTE';
  /** The opening quote character as typed: `"`, `'`, `“`, `‘` … */
  readonly quote: string;
  /** Index of the opening quote in `input` (UTF-16 units, as JavaScript counts). */
  readonly position: number;
  /** The whole command text. */
  readonly input: string;

  constructor(fields: { quote: string; position: number; input: string }) {
    super(`unterminated quote ${fields.quote} at position ${fields.position}`);
    this.quote = fields.quote;
    this.position = fields.position;
    this.input = fields.input;
  }
}

/** The first word is not a verb, or `help <topic>` names no verb. */
export class UnknownCommandError extends UserInputError {
  readonly code = 'UNKNOWN_COMMAND';
  /** The word as typed. */
  readonly input: string;
  /** The closest known verb, when one is reasonably close. */
  declare readonly suggestion?: string;

  constructor(fields: { input: string; suggestion?: string | undefined }) {
    super(
      `unknown command "${fields.input}"` +
        (fields.suggestion === undefined ? '' : ` (did you mean "${fields.suggestion}"?)`),
    );
    this.input = fields.input;
    if (fields.suggestion !== undefined) this.suggestion = fields.suggestion;
  }
}

/** A flag the verb does not take, e.g. `--limit` on `hold`. */
export class UnknownFlagError extends UserInputError {
  readonly code = 'UNKNOWN_FLAG';
  /** The flag, lower-cased, with `--`: `--limt`. */
  readonly flag: string;
  readonly verb: string;
  /** The flags this verb does take, with `--`; empty when it takes none. */
  readonly allowed: readonly string[];
  /** The closest of `allowed`, when one is reasonably close. */
  declare readonly suggestion?: string;

  constructor(fields: {
    flag: string;
    verb: string;
    allowed: readonly string[];
    suggestion?: string | undefined;
  }) {
    super(
      `unknown flag ${fields.flag} for ${fields.verb}` +
        (fields.suggestion === undefined ? '' : ` (did you mean ${fields.suggestion}?)`),
    );
    this.flag = fields.flag;
    this.verb = fields.verb;
    this.allowed = fields.allowed;
    if (fields.suggestion !== undefined) this.suggestion = fields.suggestion;
  }
}

/** The same flag given twice: which one was meant is a guess we won't make. */
export class DuplicateFlagError extends UserInputError {
  readonly code = 'DUPLICATE_FLAG';
  readonly flag: string;
  readonly verb: string;

  constructor(fields: { flag: string; verb: string }) {
    super(`flag ${fields.flag} given more than once for ${fields.verb}`);
    this.flag = fields.flag;
    this.verb = fields.verb;
  }
}

/** A flag that needs a value got none: at the end, followed by another flag, or `--x=` / `--x ""`. */
export class MissingFlagValueError extends UserInputError {
  readonly code = 'MISSING_FLAG_VALUE';
  readonly flag: string;
  readonly verb: string;

  constructor(fields: { flag: string; verb: string }) {
    super(`flag ${fields.flag} of ${fields.verb} needs a value`);
    this.flag = fields.flag;
    this.verb = fields.verb;
  }
}

/**
 * Why an argument was refused. Stable values; src/text/errors.ts words them.
 * - `unknown_role`: `--role` is not agent or customer (`allowed` lists them)
 * - `unknown_mode`: the transfer mode is not warm or cold (`allowed` lists them)
 * - `limit_not_1_to_50`: `--limit` is not a whole number from 1 to 50
 * - `param_not_key_value`: a run parameter without `=`
 * - `param_empty_key`: a run parameter `=value`
 * - `param_bad_key`: a key not matching `[A-Za-z_][A-Za-z0-9_.-]*`
 * - `param_duplicate_key`: the same key twice (`key` names it)
 * - `flag_takes_no_value`: a switch such as `--csv=yes`
 */
export type InvalidArgumentReason =
  | 'unknown_role'
  | 'unknown_mode'
  | 'limit_not_1_to_50'
  | 'param_not_key_value'
  | 'param_empty_key'
  | 'param_bad_key'
  | 'param_duplicate_key'
  | 'flag_takes_no_value';

export class InvalidArgumentError extends UserInputError {
  readonly code = 'INVALID_ARGUMENT';
  /** The argument's name as in the synopsis: `role`, `mode`, `limit`, `params`, `csv`. */
  readonly argument: string;
  /** What the user typed for it (for a run parameter, the whole `key=value`). */
  readonly input: string;
  readonly reason: InvalidArgumentReason;
  /** The accepted values, when they are a short list. */
  declare readonly allowed?: readonly string[];
  /** The closest of `allowed`, when one is reasonably close (`agnet` → `agent`). */
  declare readonly suggestion?: string;
  /** For run parameter errors: the key concerned. */
  declare readonly key?: string;

  constructor(fields: {
    argument: string;
    input: string;
    reason: InvalidArgumentReason;
    allowed?: readonly string[] | undefined;
    suggestion?: string | undefined;
    key?: string | undefined;
  }) {
    super(`invalid ${fields.argument} "${fields.input}": ${fields.reason}`);
    this.argument = fields.argument;
    this.input = fields.input;
    this.reason = fields.reason;
    if (fields.allowed !== undefined) this.allowed = fields.allowed;
    if (fields.suggestion !== undefined) this.suggestion = fields.suggestion;
    if (fields.key !== undefined) this.key = fields.key;
  }
}


/** A positional argument beyond what the verb takes, e.g. `whoami now`. */
export class UnexpectedArgumentError extends UserInputError {
  readonly code = 'UNEXPECTED_ARGUMENT';
  readonly verb: string;
  /** The first surplus argument as typed. */
  readonly input: string;

  constructor(fields: { verb: string; input: string }) {
    super(`unexpected argument "${fields.input}" for ${fields.verb}`);
    this.verb = fields.verb;
    this.input = fields.input;
  }
}

/**
 * Required positional arguments missing where no modal can ask for them (`run-status`).
 * Verbs with a modal return an `incomplete` parse result instead.
 */
export class MissingArgumentError extends UserInputError {
  readonly code = 'MISSING_ARGUMENT';
  readonly verb: string;
  /** Names as in the synopsis, in order: `['phlo', 'run_id']`. */
  readonly missing: readonly string[];

  constructor(fields: { verb: string; missing: readonly string[] }) {
    super(`${fields.verb} is missing ${fields.missing.join(', ')}`);
    this.verb = fields.verb;
    this.missing = fields.missing;
  }
}

/** Every error parseCommand can throw. */
export type CommandError =
  | UnterminatedQuoteError
  | UnknownCommandError
  | UnknownFlagError
  | DuplicateFlagError
  | MissingFlagValueError
  | InvalidArgumentError
  | InvalidAddressError
  | UnexpectedArgumentError
  | MissingArgumentError;
