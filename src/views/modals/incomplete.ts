import type { ModalView } from '@slack/types';
import type { Incomplete } from '../../language/parse.js';
import { MEMBER_ROLES, TRANSFER_MODES } from '../../domain/vocabulary.js';
import { callModal, transferModal } from './dial.js';
import type { ModalContext } from './elements.js';
import { memberActionModal } from './member.js';
import { runModal } from './run.js';

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const oneOf = <T extends string>(value: unknown, allowed: readonly T[]): T | undefined => allowed.find((a) => a === value);
const record = (value: unknown): Record<string, string> | undefined =>
  typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'string')
    ? (value as Record<string, string>)
    : undefined;

/**
 * The form for a command missing its required arguments, prefilled with what was typed:
 * `transfer warm` → transfer form on warm; `hold --node vip` → member form on Hold with node vip;
 * `run` → run form. The form is the one the verb's catalogue entry names.
 */
export function incompleteToModal(incomplete: Incomplete, ctx: ModalContext): ModalView {
  const grammar = ctx.catalogue.grammar(incomplete.verb);
  const spec = grammar === undefined ? undefined : ctx.catalogue.entriesOf(grammar).find((s) => s.form !== undefined);
  const given = incomplete.given;
  const target = { phlo: text(given.phlo), node: text(given.node) };
  const dial = { ...target, to: text(given.to), from: text(given.from), role: oneOf(given.role, MEMBER_ROLES) };
  const kind = spec?.form?.kind;
  switch (kind) {
    case undefined:
      throw new Error(`the verb ${incomplete.verb} has no form`);
    case 'call':
      return callModal(ctx, dial);
    case 'transfer':
      return transferModal(ctx, { ...dial, mode: oneOf(given.mode, TRANSFER_MODES) });
    case 'run':
      return runModal(ctx, { phlo: target.phlo, params: record(given.params) });
    case 'member':
      return memberActionModal(ctx, { ...target, member: text(given.member), action: spec?.name });
  }
}
