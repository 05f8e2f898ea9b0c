/**
 * The text of `/phlo help` and `/phlo help <verb>`, as data: the renderer lives with the views.
 * An action's synopsis is written from its grammar, so it cannot drift from what the parser reads.
 */
import { CATALOGUE, type Catalogue, type Flag, type Grammar, type Positional } from '../actions/catalogue/index.js';
import type { BuiltInVerb, Verb } from './verbs.js';

export interface Usage {
  /** One line, starting `/phlo `. */
  synopsis: string;
  /** One or two plain sentences: what it does, and what the omitted parts default to. */
  summary: string;
  /** Complete commands that work as typed (given a PHLO aliased `support`). */
  examples: readonly string[];
}

const BUILT_IN_USAGE: Readonly<Record<BuiltInVerb, Usage>> = {
  help: {
    synopsis: '/phlo help [command]',
    summary: 'Lists the commands, or explains one of them.',
    examples: ['/phlo help', '/phlo help transfer'],
  },
  whoami: {
    synopsis: '/phlo whoami',
    summary: 'Shows your role, your address, what you may do, and this channel’s default PHLO and node.',
    examples: ['/phlo whoami'],
  },
  history: {
    synopsis: '/phlo history [--member <address>] [--limit N] [--csv]',
    summary:
      'Lists the last actions in this channel: N from 1 to 50, default 10. ' +
      '`--member` keeps only those on one member; `--csv` gives them as CSV.',
    examples: ['/phlo history', '/phlo history --member +14155551234 --limit 20', '/phlo history --csv'],
  },
};

function positionalSynopsis(p: Positional): string {
  switch (p.kind) {
    case 'choice':
      return p.choices.join('|');
    case 'params':
      return '[key=value ...]';
    case 'address':
    case 'word':
      return p.required ? `<${p.display ?? p.name}>` : `[<${p.display ?? p.name}>]`;
  }
}

function flagSynopsis(name: string, flag: Flag): string {
  switch (flag.kind) {
    case 'address':
      return `[--${name} <address>]`;
    case 'choice':
      return `[--${name} ${flag.choices.join('|')}]`;
    case 'word':
      return `[--${name} ${flag.meta}]`;
  }
}

export function grammarUsage(grammar: Grammar): Usage {
  const parts = [
    `/phlo ${grammar.verb}`,
    ...grammar.positionals.map(positionalSynopsis),
    ...Object.entries(grammar.flags).map(([name, flag]) => flagSynopsis(name, flag)),
  ];
  return { synopsis: parts.join(' '), summary: grammar.summary, examples: grammar.examples };
}

/** The usage of each verb of a catalogue's language, in help order. */
export function usagesOf(catalogue: Catalogue): [verb: string, usage: Usage][] {
  return [
    ['help', BUILT_IN_USAGE.help],
    ['whoami', BUILT_IN_USAGE.whoami],
    ...catalogue.grammars.map((g): [string, Usage] => [g.verb, grammarUsage(g)]),
    ['history', BUILT_IN_USAGE.history],
  ];
}

/** The app's usage by verb, in help order. */
export const USAGE = Object.fromEntries(usagesOf(CATALOGUE)) as Readonly<Record<Verb, Usage>>;

/** The usage of a verb of the app's language, if it is one. */
export const usageOf = (verb: string): Usage | undefined => (Object.hasOwn(USAGE, verb) ? USAGE[verb as Verb] : undefined);
