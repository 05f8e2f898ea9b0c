import { describe, expect, it } from 'vitest';
import { VERBS } from '../../src/language/parse.js';
import { closest, editDistance } from '../../src/language/suggest.js';

describe('editDistance (Damerau–Levenshtein, optimal string alignment)', () => {
  it.each([
    ['', '', 0],
    ['', 'hold', 4],
    ['hold', '', 4],
    ['hold', 'hold', 0],
    ['hodl', 'hold', 1], // one swap
    ['tranfser', 'transfer', 1], // one swap
    ['hld', 'hold', 1], // one insertion
    ['holds', 'hold', 1], // one deletion
    ['bold', 'hold', 1], // one substitution
    ['kitten', 'sitting', 3],
    ['ca', 'abc', 3], // OSA: a swapped pair is not edited again
    ['été', 'ete', 2], // code points, not bytes
  ])('%j ↔ %j = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('closest', () => {
  it.each([
    ['tranfser', 'transfer'],
    ['hodl', 'hold'],
    ['HODL', 'hold'],
    ['unhodl', 'unhold'],
    ['hangpu', 'hangup'],
    ['stauts', 'status'],
    ['histroy', 'history'],
    ['cal', 'call'],
    ['rnu', 'run'],
    ['runstatus', 'run-status'],
    ['whoam', 'whoami'],
    ['voicmail', 'voicemail'],
    ['trans', 'transfer'], // a unique prefix of 3+ characters
    ['hist', 'history'],
    ['hang', 'hangup'],
    ['hold', 'hold'],
  ])('%j → %j among the verbs', (input, expected) => {
    expect(closest(input, VERBS)).toBe(expected);
  });

  it.each(['xyz', 'deploy', 'q', '', 'ho', 'foo-bar'])('%j suggests nothing: nothing is close', (input) => {
    expect(closest(input, VERBS)).toBeUndefined();
  });

  it('does not suggest from a prefix that starts several candidates', () => {
    expect(closest('xyz', ['xyza-long-one', 'xyzb-long-one'])).toBeUndefined();
  });

  it('prefers the smaller distance, then the earlier candidate', () => {
    expect(closest('hald', ['hold', 'held'])).toBe('hold');
    expect(closest('hald', ['held', 'hold'])).toBe('held');
    expect(closest('holdd', ['hold', 'holds'])).toBe('hold');
  });

  it('works on any list, e.g. PHLO aliases, with an adjustable distance', () => {
    const aliases = ['support', 'sales', 'billing-east'];
    expect(closest('suport', aliases)).toBe('support');
    expect(closest('billing-wst', aliases)).toBe('billing-east');
    expect(closest('salse', aliases, { maxDistance: 0 })).toBeUndefined();
    expect(closest('sale', aliases)).toBe('sales');
    expect(closest('bill', aliases)).toBe('billing-east');
    expect(closest('bill', aliases, { prefixes: false })).toBeUndefined();
    expect(closest('xales', aliases, { maxDistance: 1 })).toBe('sales');
  });

  it('can compare case-sensitively', () => {
    expect(closest('HOLD', ['hold'], { caseSensitive: true })).toBeUndefined();
    expect(closest('Hold', ['hold'], { caseSensitive: true })).toBe('hold');
  });

  it('returns the candidate as given, not lower-cased', () => {
    expect(closest('us-eest', ['US-East'])).toBe('US-East');
  });
});
