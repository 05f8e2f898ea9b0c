import { randomUUID } from 'node:crypto';
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
import { UserInputError } from '../errors.js';
import type { ActionSpec } from './catalogue/index.js';
import {
  InvalidInputError,
  NoDefaultNodeError,
  NoDefaultPhloError,
  NoOwnAddressError,
  UnknownNodeError,
  UnknownPhloError,
} from './errors.js';
import { inputProblems } from './inputProblems.js';
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

/** The longest reason a request for approval carries: a sentence, not an essay. */
export const REASON_MAX = 500;

type Checked = { ok: true; request: ActionRequest } | { ok: false; problems: UserInputError[] };

/**
 * A draft against the configuration and the action's schema, the only check of an action's input:
 * the request, or every problem found (the target's first, then one per input field).
 */
export function checkDraft(config: Config, spec: ActionSpec, draft: ActionDraft, identity: Identity): Checked {
  const problems: UserInputError[] = [];
  let targets: ReturnType<typeof resolveTargets> | undefined;
  try {
    targets = resolveTargets(config, spec, draft);
  } catch (error) {
    if (!(error instanceof UserInputError)) throw error;
    problems.push(error);
  }
  const reason = draft.reason?.trim() === '' ? undefined : draft.reason?.trim();
  if (reason !== undefined && reason.length > REASON_MAX) problems.push(new InvalidInputError('reason', `is at most ${REASON_MAX} characters`));
  const raw = spec.defaults === undefined ? draft.input : spec.defaults(draft.input, identity);
  const parsed = spec.input.safeParse(raw);
  if (!parsed.success) {
    for (const { field, problem } of inputProblems(parsed.error, raw)) {
      problems.push(field === 'from' && raw.from === undefined ? new NoOwnAddressError() : new InvalidInputError(field, problem));
    }
  }
  if (targets === undefined || !parsed.success || problems.length > 0) return { ok: false, problems };
  const input = parsed.data;
  return {
    ok: true,
    request: { id: randomUUID(), action: spec.name, ...targets, input, member: spec.member?.(input), slack: draft.slack, identity, reason },
  };
}

/** Checks a draft against the configuration and the action's schema; throws its first UserInputError. */
export function validateDraft(config: Config, spec: ActionSpec, draft: ActionDraft, identity: Identity): ActionRequest {
  const checked = checkDraft(config, spec, draft, identity);
  if (checked.ok) return checked.request;
  throw checked.problems[0] ?? new InvalidInputError('input', 'is not valid');
}
