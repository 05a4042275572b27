import { percentile } from './percentile';

describe('percentile', () => {
  it('takes nearest-rank percentiles: p99 of 100 values is the 99th, of 1,000 the 990th', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 0.5)).toBe(50);
    expect(percentile(hundred, 0.99)).toBe(99);
    expect(percentile(hundred, 1)).toBe(100);
    const thousand = Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(percentile(thousand, 0.99)).toBe(990);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([3, 9], 0.5)).toBe(3);
  });

  it('has no value without samples', () => {
    expect(percentile([], 0.5)).toBeNull();
  });
});
