import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/index.js';

const example = readFileSync(new URL('../../phlo-bot.example.yml', import.meta.url), 'utf8');

const limitOf = (yaml: string): number => parseConfig(`${example}\n${yaml}\n`, 'phlo-bot.yml').rate_limit.actions_per_minute;

function configError(yaml: string): string {
  try {
    parseConfig(`${example}\n${yaml}\n`, 'phlo-bot.yml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected the configuration to be refused');
}

describe('rate_limit in the configuration file', () => {
  it('is 20 actions a minute when the file says nothing', () => {
    expect(parseConfig(example, 'phlo-bot.yml').rate_limit).toEqual({ actions_per_minute: 20 });
    expect(limitOf('rate_limit: {}')).toBe(20);
  });

  it.each([
    ['a number', 'rate_limit: { actions_per_minute: 5 }', 5],
    ['0 (off)', 'rate_limit: { actions_per_minute: 0 }', 0],
    ['off for the number', 'rate_limit: { actions_per_minute: off }', 0],
    ['off for the whole key', 'rate_limit: off', 0],
    ['false for the whole key', 'rate_limit: false', 0],
  ])('takes %s', (_what, yaml, expected) => {
    expect(limitOf(yaml)).toBe(expected);
  });

  it.each([
    ['a negative number', 'rate_limit: { actions_per_minute: -1 }'],
    ['a fraction', 'rate_limit: { actions_per_minute: 2.5 }'],
    ['a word other than off', 'rate_limit: { actions_per_minute: lots }'],
  ])('refuses %s, naming the file, line and key', (_what, yaml) => {
    const line = example.split('\n').length + 1;
    expect(configError(yaml)).toMatch(
      new RegExp(`^phlo-bot\\.yml:${String(line)}:\\d+: rate_limit\\.actions_per_minute: must be a whole number of actions from 0 to 100000, or off`),
    );
  });

  it('refuses an unknown key inside it, pointing at that key', () => {
    expect(configError('rate_limit: { per_minute: 5 }')).toMatch(/^phlo-bot\.yml:\d+:\d+: rate_limit: unknown key "per_minute"/);
  });
});
