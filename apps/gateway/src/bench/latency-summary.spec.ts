import { formatLatencies, percentile, summarizeLatencies } from './latency-summary';

describe('latency summary', () => {
  it('takes nearest-rank percentiles: p99 of 100 values is the 99th, of 1,000 the 990th', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    const thousand = Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(percentile(thousand, 99)).toBe(990);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('summarises unsorted values to 0.1 ms', () => {
    const values = [3.04, 1.01, 250.26, 2.02, ...Array.from({ length: 96 }, () => 5)];
    expect(summarizeLatencies(values)).toEqual({ count: 100, p50: 5, p90: 5, p99: 5, max: 250.3, mean: 7.4 });
    expect(formatLatencies(summarizeLatencies([1, 2]))).toBe('p50 1 ms, p90 2 ms, p99 2 ms, max 2 ms (2)');
    expect(formatLatencies(summarizeLatencies([]))).toBe('no samples');
  });
});
