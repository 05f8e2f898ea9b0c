/** Small statistics for the benchmarks: every figure is a median of rounds or a percentile, never one time. */

/** The q-th quantile (0..1) of the values, by nearest rank; NaN for none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Runs `rounds` rounds of each contender, interleaved (a, b, a, b…), so drift on a shared machine hits both alike. */
export async function interleave<K extends string, T>(
  rounds: number,
  contenders: Record<K, () => Promise<T>>,
): Promise<Record<K, T[]>> {
  const keys = Object.keys(contenders) as K[];
  const results = Object.fromEntries(keys.map((k) => [k, [] as T[]])) as Record<K, T[]>;
  for (let round = 0; round < rounds; round += 1) {
    // Alternate the order too: whoever goes first in a round gets a colder machine.
    const order = round % 2 === 0 ? keys : [...keys].reverse();
    for (const key of order) results[key].push(await contenders[key]());
  }
  return results;
}
