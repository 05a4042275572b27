import { formatLatencies, summarizeLatencies } from './latency-summary';

describe('latency summary', () => {
  it('summarises unsorted values to 0.1 ms', () => {
    const values = [3.04, 1.01, 250.26, 2.02, ...Array.from({ length: 96 }, () => 5)];
    expect(summarizeLatencies(values)).toEqual({ count: 100, p50: 5, p90: 5, p99: 5, max: 250.3, mean: 7.4 });
    expect(formatLatencies(summarizeLatencies([1, 2]))).toBe('p50 1 ms, p90 2 ms, p99 2 ms, max 2 ms (2)');
    expect(formatLatencies(summarizeLatencies([]))).toBe('no samples');
  });
});
