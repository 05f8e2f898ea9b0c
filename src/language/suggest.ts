/**
 * "Did you mean …?" for anything the user picks from a known list: verbs, flags, and (in the
 * lead's code) PHLO and node aliases. Generic on purpose: no knowledge of commands here.
 */

/**
 * Damerau–Levenshtein distance in its "optimal string alignment" form: insertions, deletions,
 * substitutions and swaps of two adjacent characters each cost 1. Swaps matter because the
 * commonest typo in a fast-typed command is two letters the wrong way round (`hodl`, `tranfser`).
 * Works on code points so an emoji or accented letter counts once.
 */
export function editDistance(a: string, b: string): number {
  const s = Array.from(a);
  const t = Array.from(b);
  if (s.length === 0) return t.length;
  if (t.length === 0) return s.length;

  // Three rolling rows: the swap rule looks two rows back.
  let twoBack: number[] = [];
  let previous: number[] = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current: number[] = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(
        (previous[j] ?? 0) + 1, // deletion
        (current[j - 1] ?? 0) + 1, // insertion
        (previous[j - 1] ?? 0) + cost, // substitution
      );
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        best = Math.min(best, (twoBack[j - 2] ?? 0) + 1); // adjacent swap
      }
      current.push(best);
    }
    twoBack = previous;
    previous = current;
  }
  return previous[t.length] ?? 0;
}

export interface ClosestOptions {
  /**
   * Largest distance still worth suggesting. By default a third of the candidate's length, and
   * at least 1: `hodl` → `hold`, but `xyz` suggests nothing rather than a random verb.
   */
  maxDistance?: number;
  /** Fall back to a unique prefix (see closest). On by default. */
  prefixes?: boolean;
  /** Compare case-sensitively. Off by default: verbs, flags and aliases are typed in any case. */
  caseSensitive?: boolean;
}

/**
 * The candidate closest to `input`, or `undefined` when none is reasonably close. Ties go to the
 * earlier candidate, so the answer is stable for a given list order.
 *
 * When no candidate is within the distance, an input of three or more characters that starts
 * exactly one candidate (`trans` → `transfer`, `hist` → `history`) suggests that candidate.
 * An input equal to a candidate returns that candidate.
 */
export function closest<T extends string>(
  input: string,
  candidates: Iterable<T>,
  options: ClosestOptions = {},
): T | undefined {
  const fold = (s: string): string => (options.caseSensitive === true ? s : s.toLowerCase());
  const needle = fold(input);
  if (needle.length === 0) return undefined;

  let best: T | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  const prefixed: T[] = [];
  for (const candidate of candidates) {
    const hay = fold(candidate);
    const limit = options.maxDistance ?? Math.max(1, Math.floor(Array.from(hay).length / 3));
    const distance = editDistance(needle, hay);
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
    if (hay.startsWith(needle)) prefixed.push(candidate);
  }
  if (best !== undefined) return best;
  if (options.prefixes !== false && Array.from(needle).length >= 3 && prefixed.length === 1) {
    return prefixed[0];
  }
  return undefined;
}
