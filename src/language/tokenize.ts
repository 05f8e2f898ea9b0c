/**
 * Splitting a slash command's text into words, the way Slack actually delivers it:
 * entity-encoded (`&amp;` `&lt;` `&gt;`), with links and auto-detected phone numbers wrapped as
 * `<target|label>`, and straight quotes often turned into smart ones by the client.
 */
import { UnterminatedQuoteError } from './errors.js';

const DOUBLE_QUOTES = new Set(['"', '\u201C', '\u201D']); // " “ ”
const SINGLE_QUOTES = new Set(["'", '\u2018', '\u2019']); // ' ‘ ’

/** `value` without one pair of quotes around it (straight or smart, by the rules above), else as it is. */
export function unquote(value: string): string {
  if (value.length < 2) return value;
  const first = value.charAt(0);
  const last = value.charAt(value.length - 1);
  const quoted = (DOUBLE_QUOTES.has(first) && DOUBLE_QUOTES.has(last)) || (SINGLE_QUOTES.has(first) && SINGLE_QUOTES.has(last));
  return quoted ? value.slice(1, -1) : value;
}

const isSpace = (ch: string): boolean => /\s/u.test(ch);

/**
 * Index of the `>` closing a Slack escape that starts at `start`, or -1. A user's own `<` arrives
 * as `&lt;`, so a raw `<` can only open an escape; one that is never closed is kept as text.
 */
function escapeEnd(text: string, start: number): number {
  return text.indexOf('>', start + 1);
}

/**
 * Split `text` into words.
 *
 * - Whitespace (any Unicode space, newlines included) separates words.
 * - A quote opens a quoted part at the start of a word or right after `=` (`note="two words"` →
 *   `note=two words`); elsewhere it is an ordinary character, so `don't` and `O’Brien` need no
 *   quoting. `"`, `“` and `”` are double quotes and close each other; `'`, `‘` and `’` likewise.
 * - A single-quoted part closes only at a single quote followed by a space or the end: `’` is also
 *   the apostrophe, so `'it’s here'` stays one part.
 * - A Slack escape `<…>` is copied whole, spaces and quotes inside it included, so
 *   `<tel:+14155551234|+1 415 555 1234>` stays one word.
 * - `""` is an empty word. Nothing is decoded: words keep Slack's encoding.
 *
 * @throws UnterminatedQuoteError for a quote never closed.
 */
export function tokenize(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;

  while (i < text.length) {
    const ch = text.charAt(i);

    if (isSpace(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
      continue;
    }

    if (ch === '<') {
      const end = escapeEnd(text, i);
      if (end !== -1) {
        word += text.slice(i, end + 1);
        inWord = true;
        i = end + 1;
        continue;
      }
    }

    const double = DOUBLE_QUOTES.has(ch);
    const single = SINGLE_QUOTES.has(ch);
    if ((double || single) && (!inWord || word.endsWith('='))) {
      const closers = double ? DOUBLE_QUOTES : SINGLE_QUOTES;
      let j = i + 1;
      let closed = false;
      while (j < text.length) {
        const c = text.charAt(j);
        if (c === '<') {
          const end = escapeEnd(text, j);
          if (end !== -1) {
            word += text.slice(j, end + 1);
            j = end + 1;
            continue;
          }
        }
        if (closers.has(c) && (double || j + 1 === text.length || isSpace(text.charAt(j + 1)))) {
          closed = true;
          break;
        }
        word += c;
        j++;
      }
      if (!closed) throw new UnterminatedQuoteError({ quote: ch, position: i, input: text });
      inWord = true;
      i = j + 1;
      continue;
    }

    word += ch;
    inWord = true;
    i++;
  }
  if (inWord) words.push(word);
  return words;
}

export { decodeEntities, slackPlainText } from '../domain/text.js';
