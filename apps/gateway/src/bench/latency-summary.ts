import { percentile } from '@callcart/benchmarking';

/** p50/p90/p99/max of a set of latencies, in milliseconds rounded to 0.1 ms. */
export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}


const tenth = (value: number) => Math.round(value * 10) / 10;

export function summarizeLatencies(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.length ? sorted.reduce((sum, value) => sum + value, 0) / sorted.length : Number.NaN;
  return {
    count: sorted.length,
    p50: tenth(percentile(sorted, 0.5) ?? Number.NaN),
    p90: tenth(percentile(sorted, 0.9) ?? Number.NaN),
    p99: tenth(percentile(sorted, 0.99) ?? Number.NaN),
    max: tenth(sorted.at(-1) ?? Number.NaN),
    mean: tenth(mean),
  };
}

export function formatLatencies(summary: LatencySummary): string {
  if (summary.count === 0) return 'no samples';
  return `p50 ${summary.p50} ms, p90 ${summary.p90} ms, p99 ${summary.p99} ms, max ${summary.max} ms (${summary.count})`;
}
