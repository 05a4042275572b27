/**
 * Nearest-rank percentile of values sorted ascending: the smallest value with at least `share`
 * (0..1) of the values at or below it; null without values. The benchmarks' one definition.
 */
export function percentile(sorted: readonly number[], share: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))];
}
