/**
 * A step's inputs as they arrive in `function_executed`, checked before anything else reads them:
 * named values, each of a size a command could carry. Slack sends what the workflow's author typed
 * (or what an earlier step produced), so a value can be anything up to the size of the request.
 */
import { z } from 'zod';
import { InvalidInputError, StepInputsMalformedError } from '../actions/errors.js';
import { RUN_PARAM_LIMITS } from '../actions/catalogue/index.js';
import { MAX_ADDRESS_LENGTH } from '../domain/address.js';
import type { UserInputError } from '../errors.js';
import type { WorkflowStep } from './steps.js';

export const STEP_INPUT_LIMITS = {
  /** Inputs in all: more than any step declares (Slack sends only the declared ones). */
  inputs: 20,
  /** A Slack user or channel id. */
  id: 32,
  /** Every other one-line input: an address is the longest (a PHLO or node alias, a role, a kind are shorter). */
  text: MAX_ADDRESS_LENGTH,
  /** A run's payload: key=value lines. */
  payloadLines: RUN_PARAM_LIMITS.count,
  /** A run's payload in characters: that many lines of the longest key and value a run takes. */
  payload: RUN_PARAM_LIMITS.count * (RUN_PARAM_LIMITS.key + RUN_PARAM_LIMITS.value + 2),
} as const;

/** Inputs holding more than one line. */
const MULTILINE = new Set(['payload']);

const Where = z.object({
  user: z.string().regex(new RegExp(`^[UW][A-Z0-9]{1,${STEP_INPUT_LIMITS.id - 1}}$`)),
  channel: z.string().regex(new RegExp(`^[CGD][A-Z0-9]{1,${STEP_INPUT_LIMITS.id - 1}}$`)),
});

export interface CheckedInputs {
  /** The person the step acts for and the channel it acts in. */
  where: { user: string; channel: string };
  /** The step's declared inputs, each text or absent. */
  inputs: Readonly<Record<string, string | undefined>>;
}

export type StepInputsCheck =
  | { ok: true; checked: CheckedInputs }
  | { ok: false; error: UserInputError; where: Partial<CheckedInputs['where']>; recorded: Record<string, string> };

const isScalar = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

const limitOf = (name: string): number => (MULTILINE.has(name) ? STEP_INPUT_LIMITS.payload : STEP_INPUT_LIMITS.text);

/**
 * The step's inputs, or the first problem with them and what of them to record (the declared inputs
 * only, each cut to its limit, so a refusal's row is as small as a command's).
 */
export function checkStepInputs(step: WorkflowStep, raw: unknown): StepInputsCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, error: new StepInputsMalformedError(raw === null || raw === undefined ? 'none' : Array.isArray(raw) ? 'a list' : typeof raw), where: {}, recorded: {} };
  }
  const given = raw as Record<string, unknown>;
  const names = Object.keys(given);
  if (names.length > STEP_INPUT_LIMITS.inputs) {
    return { ok: false, error: new StepInputsMalformedError(`${names.length} inputs`), where: {}, recorded: {} };
  }
  const recorded: Record<string, string> = {};
  for (const name of step.inputs) {
    const value = Object.hasOwn(given, name) ? given[name] : undefined;
    if (isScalar(value)) recorded[name] = String(value).slice(0, limitOf(name));
  }
  const user = given.user;
  const channel = given.channel;
  const where = {
    ...(typeof user === 'string' && user.length <= STEP_INPUT_LIMITS.id ? { user } : {}),
    ...(typeof channel === 'string' && channel.length <= STEP_INPUT_LIMITS.id ? { channel } : {}),
  };
  const refuse = (error: UserInputError): StepInputsCheck => ({ ok: false, error, where, recorded });

  const parsedWhere = Where.safeParse(given);
  if (!parsedWhere.success) {
    const field = parsedWhere.error.issues[0]?.path[0] === 'channel' && Where.shape.user.safeParse(user).success ? 'channel' : 'user';
    return refuse(new InvalidInputError(field, field === 'user' ? 'must be a Slack user' : 'must be a Slack channel'));
  }
  const inputs: Record<string, string | undefined> = {};
  for (const name of step.inputs) {
    const value = Object.hasOwn(given, name) ? given[name] : undefined;
    if (value === undefined || value === null) continue;
    if (!isScalar(value)) return refuse(new InvalidInputError(name, 'must be text'));
    const text = String(value);
    if (text.length > limitOf(name)) return refuse(new InvalidInputError(name, `is at most ${limitOf(name)} characters`));
    if (MULTILINE.has(name) && text.split(/\r\n|\r|\n/).filter((line) => line.trim() !== '').length > STEP_INPUT_LIMITS.payloadLines) {
      return refuse(new InvalidInputError(name, `takes at most ${STEP_INPUT_LIMITS.payloadLines} key=value lines`));
    }
    inputs[name] = text;
  }
  return { ok: true, checked: { where: parsedWhere.data, inputs } };
}
