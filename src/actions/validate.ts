import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  defaultNode,
  findNode,
  findPhlo,
  nodeAliases,
  phloAliases,
  type Config,
  type NodeTarget,
  type PhloTarget,
} from '../config/index.js';
import type { ActionSpec } from './catalogue.js';
import {
  InvalidInputError,
  NoDefaultNodeError,
  NoDefaultPhloError,
  NoOwnAddressError,
  UnknownNodeError,
  UnknownPhloError,
} from './errors.js';
import type { ActionDraft, ActionRequest, Identity } from './types.js';

/** The PHLO and node a draft acts on: as named, else the channel's defaults, else the PHLO's default node. */
export function resolveTargets(
  config: Config,
  spec: Pick<ActionSpec, 'scope'>,
  draft: Pick<ActionDraft, 'phlo' | 'node' | 'slack'>,
): { phlo: PhloTarget; node?: NodeTarget | undefined } {
  const channel = config.channels[draft.slack.channelId];
  const phloName = draft.phlo ?? channel?.phlo;
  if (phloName === undefined) throw new NoDefaultPhloError(phloAliases(config));
  const phlo = findPhlo(config, phloName);
  if (phlo === undefined) throw new UnknownPhloError(phloName, phloAliases(config));
  if (spec.scope === 'phlo') return { phlo };
  const nodeName = draft.node ?? (channel?.phlo === phlo.alias ? channel.node : undefined);
  if (nodeName === undefined) {
    const fallback = defaultNode(config, phlo);
    if (fallback === undefined) throw new NoDefaultNodeError(phlo.alias, nodeAliases(config, phlo));
    return { phlo, node: fallback };
  }
  const node = findNode(config, phlo, nodeName);
  if (node === undefined) throw new UnknownNodeError(nodeName, phlo.alias, nodeAliases(config, phlo));
  return { phlo, node };
}

/** Checks a draft against the configuration and the action's schema; throws a UserInputError. */
export function validateDraft(config: Config, spec: ActionSpec, draft: ActionDraft, identity: Identity): ActionRequest {
  const targets = resolveTargets(config, spec, draft);
  const raw = spec.defaults === undefined ? draft.input : spec.defaults(draft.input, identity);
  const parsed = spec.input.safeParse(raw);
  if (!parsed.success) throw inputError(parsed.error, raw);
  const input = parsed.data;
  return {
    id: randomUUID(),
    action: spec.name,
    ...targets,
    input,
    member: spec.member?.(input),
    slack: draft.slack,
    identity,
  };
}

function inputError(error: z.ZodError, raw: Record<string, unknown>): Error {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') || 'input';
  if (field === 'from' && raw.from === undefined) return new NoOwnAddressError();
  const problem =
    issue?.code === 'invalid_type' && issue.input === undefined ? 'is required' : (issue?.message ?? 'is not valid');
  return new InvalidInputError(field, problem);
}
