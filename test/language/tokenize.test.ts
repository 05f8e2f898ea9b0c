import { describe, expect, it } from 'vitest';
import { UnterminatedQuoteError } from '../../src/language/errors.js';
import { decodeEntities, slackPlainText, tokenize } from '../../src/language/tokenize.js';
import { UserInputError } from '../../src/errors.js';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('tokenize', () => {
  it.each([
    ['', []],
    ['   ', []],
    ['hold +14155551234', ['hold', '+14155551234']],
    ['  hold\t +14155551234 \n', ['hold', '+14155551234']],
    ['hold\u00a0+14155551234', ['hold', '+14155551234']],
  ])('splits %j on any whitespace', (text, words) => {
    expect(tokenize(text)).toEqual(words);
  });

  describe('quotes group words', () => {
    it.each([
      ['run support note="two words"', ['run', 'support', 'note=two words']],
      ["run support note='two words'", ['run', 'support', 'note=two words']],
      ['call "+1 (415) 555-1234"', ['call', '+1 (415) 555-1234']],
      ["call '+1 (415) 555-1234'", ['call', '+1 (415) 555-1234']],
      ['"a b"', ['a b']],
      ['--from="+1 415 555 1234"', ['--from=+1 415 555 1234']],
      ['x="a" y="b c"', ['x=a', 'y=b c']],
      ['"a b"c', ['a bc']],
      ['x=""', ['x=']],
      ['"" a', ['', 'a']],
    ])('%j → %j', (text, words) => {
      expect(tokenize(text)).toEqual(words);
    });

    it.each([
      ['note=\u201Ctwo words\u201D', ['note=two words'], 'curly double “ ”'],
      ['note=\u2018two words\u2019', ['note=two words'], 'curly single ‘ ’'],
      ['note=\u201Dtwo words\u201D', ['note=two words'], 'closing curly on both sides'],
      ['note=\u201Ctwo words"', ['note=two words'], 'mixed smart and straight'],
      ['\u201Ca b\u201D', ['a b'], 'whole word'],
    ])('%j → %j (%s)', (text, words) => {
      expect(tokenize(text)).toEqual(words);
    });

    it('keeps the other kind of quote inside a quoted part', () => {
      expect(tokenize(`note="it's 5' long"`)).toEqual([`note=it's 5' long`]);
      expect(tokenize(`note='say "hi" now'`)).toEqual(['note=say "hi" now']);
    });

    it('treats a quote inside a word as an ordinary character, so apostrophes need no quoting', () => {
      expect(tokenize("note=don't worry")).toEqual(["note=don't", 'worry']);
      expect(tokenize('note=O\u2019Brien')).toEqual(['note=O\u2019Brien']);
      expect(tokenize('size=5"')).toEqual(['size=5"']);
    });

    it('closes a single-quoted part only at a quote before a space or the end (’ is also the apostrophe)', () => {
      expect(tokenize('note=\u2018it\u2019s here\u2019 x=1')).toEqual(['note=it\u2019s here', 'x=1']);
      expect(tokenize("note='don't'")).toEqual(["note=don't"]);
    });
  });

  describe('unterminated quotes', () => {
    it.each([
      ['run support note="two words', '"', 17],
      ["run support note='two words", "'", 17],
      ['run support note=\u201Ctwo words', '\u201C', 17],
      ['"', '"', 0],
      ["note='it's", "'", 5],
    ])('%j throws UnterminatedQuoteError at the opening quote', (text, quote, position) => {
      const err = thrown(() => tokenize(text));
      expect(err).toBeInstanceOf(UnterminatedQuoteError);
      expect(err).toBeInstanceOf(UserInputError);
      expect(err).toMatchObject({ code: 'UNTERMINATED_QUOTE', quote, position, input: text });
    });
  });

  describe('Slack escapes <…> stay one word', () => {
    it.each([
      ['call <tel:+14155551234|+1 415 555 1234>', ['call', '<tel:+14155551234|+1 415 555 1234>']],
      [
        'call <sip:bob@phone.plivo.com|sip:bob@phone.plivo.com> --role agent',
        ['call', '<sip:bob@phone.plivo.com|sip:bob@phone.plivo.com>', '--role', 'agent'],
      ],
      [
        'hold sip:<mailto:bob@phone.plivo.com|bob@phone.plivo.com>',
        ['hold', 'sip:<mailto:bob@phone.plivo.com|bob@phone.plivo.com>'],
      ],
      ['--from=<tel:+14155551234|+1 415 555 1234>', ['--from=<tel:+14155551234|+1 415 555 1234>']],
      ['x=<https://a.example/it\'s|it\'s "here">', ['x=<https://a.example/it\'s|it\'s "here">']],
      ['x="see <https://a.example|a b>"', ['x=see <https://a.example|a b>']],
    ])('%j', (text, words) => {
      expect(tokenize(text)).toEqual(words);
    });

    it('keeps a < that is never closed as text', () => {
      expect(tokenize('a <b c')).toEqual(['a', '<b', 'c']);
    });

    it('leaves entities encoded', () => {
      expect(tokenize('x=a&amp;b y=&lt;z&gt;')).toEqual(['x=a&amp;b', 'y=&lt;z&gt;']);
    });
  });
});

describe('decodeEntities', () => {
  it.each([
    ['a &amp; b', 'a & b'],
    ['&lt;!channel&gt;', '<!channel>'],
    ['&amp;lt;', '&lt;'],
    ['&quot; &#39;', '&quot; &#39;'],
  ])('%j → %j (only &amp; &lt; &gt;, in one pass)', (text, decoded) => {
    expect(decodeEntities(text)).toBe(decoded);
  });
});

describe('slackPlainText', () => {
  it.each([
    ['<tel:+14155551234|+1 415 555 1234>', '+1 415 555 1234'],
    ['<https://example.com>', 'https://example.com'],
    ['see <https://example.com|example.com> &amp; more', 'see example.com & more'],
    ['sip:<mailto:bob@phone.plivo.com|bob@phone.plivo.com>', 'sip:bob@phone.plivo.com'],
    ['hi <@U0123ALICE> <!here> <#C0123|support>', 'hi <@U0123ALICE> <!here> <#C0123|support>'],
  ])('%j reads as %j', (text, plain) => {
    expect(slackPlainText(text)).toBe(plain);
  });
});
