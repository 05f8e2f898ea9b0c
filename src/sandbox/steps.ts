// The workflow steps the Workflows panel offers, read from manifest.yml at start so that the panel shows
// exactly what Workflow Builder will (titles, descriptions, input titles and hints, which inputs are
// required, the choices of an enum), and the check a run's inputs pass before the step is started.
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { StepInput, WorkflowStep } from './protocol.js';

export type { StepInput, WorkflowStep } from './protocol.js';

const Value = z.union([z.string(), z.number(), z.boolean()]);
const Parameter = z.looseObject({
  type: z.string(),
  title: z.string().optional(),
  description: z.string().optional(),
  hint: z.string().optional(),
  is_required: z.boolean().optional(),
  enum: z.array(Value).optional(),
  choices: z.array(z.looseObject({ value: Value, title: z.string().optional() })).optional(),
});
const Parameters = z.looseObject({
  properties: z.record(z.string(), Parameter).default({}),
  required: z.array(z.string()).default([]),
});
const Manifest = z.looseObject({
  functions: z
    .record(
      z.string(),
      z.looseObject({
        title: z.string(),
        description: z.string().optional(),
        input_parameters: Parameters.optional(),
        output_parameters: Parameters.optional(),
      }),
    )
    .optional(),
});

export const USER_ID = /^[UW][A-Z0-9]+$/;
export const CHANNEL_ID = /^[CGD][A-Z0-9]+$/;

function kindOf(type: string, choices: unknown[]): StepInput['kind'] {
  if (type === 'slack#/types/user_id') return 'user';
  if (type === 'slack#/types/channel_id') return 'channel';
  return choices.length > 0 ? 'choice' : 'text';
}

/** The steps a manifest declares, in its order; none when it declares no `functions`. */
export function stepsOfManifest(yamlText: string): WorkflowStep[] {
  const manifest = Manifest.parse(parse(yamlText));
  return Object.entries(manifest.functions ?? {}).map(([callbackId, fn]): WorkflowStep => {
    const input = fn.input_parameters ?? { properties: {}, required: [] };
    const inputs = Object.entries(input.properties).map(([name, p]): StepInput => {
      // `choices` carry titles; a bare `enum` shows its values as they are.
      const choices = p.choices?.map((c) => ({ value: String(c.value), title: c.title ?? String(c.value) }))
        ?? p.enum?.map((v) => ({ value: String(v), title: String(v) }))
        ?? [];
      return {
        name,
        type: p.type,
        kind: kindOf(p.type, choices),
        title: p.title ?? name,
        description: p.description,
        hint: p.hint,
        required: input.required.includes(name) || p.is_required === true,
        choices,
      };
    });
    const outputs = Object.entries(fn.output_parameters?.properties ?? {}).map(([name, p]) => ({ name, title: p.title ?? name }));
    return { callbackId, title: fn.title, description: fn.description, inputs, outputs };
  });
}

/** The steps of the manifest file; none when there is no such file (an install without it). */
export function readSteps(manifestFile: string): WorkflowStep[] {
  return existsSync(manifestFile) ? stepsOfManifest(readFileSync(manifestFile, 'utf8')) : [];
}

const RawInputs = z.record(z.string(), z.string().max(4000));

/**
 * A run's inputs as the step may receive them, as Workflow Builder would insist before a workflow is
 * published: every required input given, a person or channel by id, a choice among its values, no input
 * the step lacks. Empty optional inputs are left out, as Slack leaves out inputs nobody set.
 * Throws a ZodError naming what is wrong.
 */
export function parseStepInputs(step: WorkflowStep, raw: unknown): Record<string, string> {
  const given = Object.fromEntries(Object.entries(RawInputs.parse(raw)).filter(([, v]) => v.trim() !== ''));
  const shape: Record<string, z.ZodType<string | undefined>> = {};
  for (const input of step.inputs) {
    const what = `${input.title} (${input.name})`;
    const base =
      input.kind === 'user' ? z.string().regex(USER_ID, `${what} must be a person`)
        : input.kind === 'channel' ? z.string().regex(CHANNEL_ID, `${what} must be a channel`)
          : input.kind === 'choice' ? z.string().refine((v) => input.choices.some((c) => c.value === v), `${what} must be one of ${input.choices.map((c) => c.value).join(', ')}`)
            : z.string();
    shape[input.name] = input.required ? z.string({ error: `${what} is required` }).pipe(base) : base.optional();
  }
  const parsed = z.strictObject(shape).parse(given);
  return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => e[1] !== undefined));
}
