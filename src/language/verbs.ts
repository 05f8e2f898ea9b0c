/**
 * The verbs of the `/phlo` language: the few the bot answers itself (help, whoami, history) and
 * those of the catalogue's actions, with their flags. Derived, never listed a second time.
 */
import { CATALOGUE, isMemberAction, type Catalogue, type CatalogueVerb, type Grammar } from '../actions/catalogue/index.js';

/** Verbs answered without PHLO: before the catalogue's in help order (history after them). */
const LEADING = ['help', 'whoami'] as const;
const TRAILING = ['history'] as const;
export type BuiltInVerb = (typeof LEADING)[number] | (typeof TRAILING)[number];
export type Verb = BuiltInVerb | CatalogueVerb;

/** A flag either takes a value (`--limit 5`, `--limit=5`) or is a switch (`--csv`). */
export type FlagKind = 'value' | 'switch';

export const BUILT_IN_FLAGS: Readonly<Record<BuiltInVerb, Readonly<Record<string, FlagKind>>>> = {
  help: {},
  whoami: {},
  history: { member: 'value', limit: 'value', csv: 'switch' },
};

export const isBuiltInVerb = (word: string): word is BuiltInVerb => Object.hasOwn(BUILT_IN_FLAGS, word);

/** Every verb of a catalogue's language, in the order `/phlo help` lists them. */
export function verbsOf(catalogue: Catalogue): string[] {
  return [...LEADING, ...catalogue.grammars.map((g) => g.verb), ...TRAILING];
}

/** The flags a verb takes, in synopsis order; undefined for a word that is no verb. */
export function flagsOf(grammar: Grammar | undefined, verb: string): Readonly<Record<string, FlagKind>> | undefined {
  if (grammar !== undefined) return Object.fromEntries(Object.keys(grammar.flags).map((name) => [name, 'value' as const]));
  return isBuiltInVerb(verb) ? BUILT_IN_FLAGS[verb] : undefined;
}

/** The app's verbs. The catalogue's verbs are a type, so the list is typed as them. */
export const VERBS = verbsOf(CATALOGUE) as readonly Verb[];

/** The verbs of the app's member actions. */
export const MEMBER_VERBS = CATALOGUE.memberActions.map((spec) => spec.grammar.verb) as readonly Verb[];

/** The flags of each of the app's verbs, in synopsis order. */
export const FLAGS = Object.fromEntries(VERBS.map((verb) => [verb, flagsOf(CATALOGUE.grammar(verb), verb) ?? {}])) as Readonly<
  Record<Verb, Readonly<Record<string, FlagKind>>>
>;

export const isVerb = (word: string): word is Verb => (VERBS as readonly string[]).includes(word);
export { isMemberAction };
