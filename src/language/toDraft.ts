import { z } from 'zod';
import type { Catalogue, TypedValues } from '../actions/catalogue/index.js';
import type { ActionDraft, SlackContext } from '../actions/types.js';
import type { ActionCommand } from './parse.js';

/** The part of a draft that comes from what was typed or chosen: the action, its target, its input. */
export type DraftCore = Omit<ActionDraft, 'slack'>;

const asText = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * What typed or chosen values ask of an action: `phlo` and `node` as the target, and the values the
 * action's input schema names as its input (the schema checks them in the pipeline). Shared by
 * commands and forms, so both give the pipeline the same shape.
 */
export function draftOf(catalogue: Catalogue, action: string, values: TypedValues): DraftCore {
  const spec = catalogue.spec(action);
  const fields = spec.input instanceof z.ZodObject ? Object.keys(spec.input.shape) : [];
  const input: Record<string, unknown> = {};
  for (const field of fields) if (Object.hasOwn(values, field)) input[field] = values[field];
  const reason = asText(values.reason);
  return { action: spec.name, phlo: asText(values.phlo), node: asText(values.node), input, ...(reason === undefined ? {} : { reason }) };
}

/** Turns a parsed command that acts through PHLO into the pipeline's draft request. */
export function commandToDraft(catalogue: Catalogue, command: ActionCommand, slack: SlackContext): ActionDraft {
  const grammar = catalogue.grammar(command.verb);
  if (grammar === undefined) throw new Error(`no grammar for the verb ${command.verb}`);
  return { ...draftOf(catalogue, grammar.action(command), command), slack };
}
