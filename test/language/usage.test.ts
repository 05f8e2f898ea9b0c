import { describe, expect, it } from 'vitest';
import { VERBS, parseCommand } from '../../src/language/parse.js';
import { USAGE } from '../../src/language/usage.js';

describe('USAGE', () => {
  it('covers every verb and nothing else, in help order', () => {
    expect(Object.keys(USAGE)).toEqual([...VERBS]);
  });

  it.each([
    ['help', '/phlo help [command]'],
    ['whoami', '/phlo whoami'],
    ['call', '/phlo call <to> [--role agent|customer] [--from <address>] [--phlo P] [--node N] [--reason "why"]'],
    ['transfer', '/phlo transfer warm|cold <to> [--role agent|customer] [--from <address>] [--phlo P] [--node N] [--reason "why"]'],
    ['hold', '/phlo hold <member> [--phlo P] [--node N] [--reason "why"]'],
    ['unhold', '/phlo unhold <member> [--phlo P] [--node N] [--reason "why"]'],
    ['hangup', '/phlo hangup <member> [--phlo P] [--node N] [--reason "why"]'],
    ['resume', '/phlo resume <member> [--phlo P] [--node N] [--reason "why"]'],
    ['abort', '/phlo abort <member> [--phlo P] [--node N] [--reason "why"]'],
    ['voicemail', '/phlo voicemail <member> [--phlo P] [--node N] [--reason "why"]'],
    ['run', '/phlo run <phlo> [key=value ...] [--reason "why"]'],
    ['status', '/phlo status [<phlo>] [--node N]'],
    ['run-status', '/phlo run-status <phlo> <run_id>'],
    ['history', '/phlo history [--member <address>] [--limit N] [--csv]'],
  ] as const)('%s: %s', (verb, synopsis) => {
    expect(USAGE[verb].synopsis).toBe(synopsis);
    expect(USAGE[verb].summary).toMatch(/^[A-Z`].*\.$/s);
    expect(USAGE[verb].examples.length).toBeGreaterThan(0);
  });

  it.each(VERBS.flatMap((verb) => USAGE[verb].examples.map((example) => [verb, example] as const)))(
    '%s: the example %j parses, as that verb',
    (verb, example) => {
      expect(example.startsWith(`/phlo ${verb}`)).toBe(true);
      const result = parseCommand(example.slice('/phlo '.length));
      const parsedVerb = result.kind === 'command' ? result.command.verb : result.verb;
      expect(parsedVerb).toBe(verb);
    },
  );
});
