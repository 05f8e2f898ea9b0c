/**
 * A schema's issues as problems a person can fix: one per field, in plain words. The one place a
 * zod issue about an action's input becomes text, for a command's answer and a form's inline errors.
 */
import type { z } from 'zod';
import type { InvalidAddressReason } from '../domain/address.js';

export interface InputProblem {
  /** The input field (`to`, `params`…): a form shows the problem on it. */
  field: string;
  problem: string;
}

/** The problem of a value that is required and was not given. */
export const MISSING = 'is required';

const ADDRESS_PROBLEMS: Record<InvalidAddressReason, (digits: number) => string> = {
  format: () => 'Not a phone number (8 to 15 digits) or a SIP address (sip:user@host).',
  phone_length: (digits) => `A phone number has 8 to 15 digits; this has ${digits}.`,
  sip_user: () => 'This SIP address has no valid user before the @.',
  sip_host: () => 'This SIP address has no valid host after the @ (sip:user@host).',
  too_long: () => 'Longer than any phone number or SIP address (200 characters at most).',
};

const isReason = (value: unknown): value is InvalidAddressReason => typeof value === 'string' && Object.hasOwn(ADDRESS_PROBLEMS, value);

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value = raw;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** One issue in words: an address says why it is not one, a missing value that it is required. */
export function issueProblem(issue: z.core.$ZodIssue, raw: unknown): string {
  const value = valueAt(raw, issue.path);
  if (issue.code === 'invalid_type' && value === undefined) return MISSING;
  const reason = issue.code === 'custom' ? (issue.params as { reason?: unknown } | undefined)?.reason : undefined;
  if (isReason(reason)) return ADDRESS_PROBLEMS[reason](typeof value === 'string' ? value.replace(/\D/g, '').length : 0);
  return issue.message;
}

/** The first problem of each field, in the order the schema found them. */
export function inputProblems(error: z.ZodError, raw: unknown): InputProblem[] {
  const problems: InputProblem[] = [];
  for (const issue of error.issues) {
    const field = issue.path.length === 0 ? 'input' : String(issue.path[0]);
    if (problems.some((p) => p.field === field)) continue;
    problems.push({ field, problem: issueProblem(issue, raw) });
  }
  return problems;
}
