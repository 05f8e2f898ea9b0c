/**
 * Every error the app raises on purpose is a subclass of PhloBotError with a stable `code`
 * and the context needed to explain it. The text a Slack user reads is not written here:
 * `src/text/errors.ts` turns each code into words, in one place.
 */
export abstract class PhloBotError extends Error {
  abstract readonly code: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * A problem with what the user typed or submitted. It is answered to that user alone
 * (ephemeral or inline in a modal), it is recorded with outcome `invalid`, and PHLO is
 * never called.
 */
export abstract class UserInputError extends PhloBotError {
  /** The modal field this error belongs to, when the input came from a modal. */
  declare readonly field?: string;

  constructor(message: string, options?: { field?: string; cause?: unknown }) {
    super(message, options);
    if (options?.field !== undefined) this.field = options.field;
  }
}
