// vitest gives its asymmetric matchers (`expect.any`, `expect.stringMatching`, ...) no type at all, which the
// linter rightly refuses inside the object literals handed to `toEqual`/`toMatchObject`. These wrappers
// are the same matchers typed as `unknown`; and `defined` narrows a value a test has just found.
import { expect } from 'vitest';

/** `expect.any(type)`: any value of that type (a number for `Number`, an instance for a class). */
export const anyOf = (type: unknown): unknown => expect.any(type);

/** `expect.stringMatching(pattern)`. */
export const stringMatching = (pattern: string | RegExp): unknown => expect.stringMatching(pattern);

/** `expect.stringContaining(text)`. */
export const stringContaining = (text: string): unknown => expect.stringContaining(text);

/** `expect.objectContaining(object)`. */
export const objectContaining = (object: Record<string, unknown>): unknown => expect.objectContaining(object);

/** The value, or a thrown error naming what was missing. */
export function defined<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`expected ${what}, found ${String(value)}`);
  return value;
}
