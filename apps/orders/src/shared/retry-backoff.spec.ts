import { describeError, MAX_RETRY_DELAY_MS, retryDelayMs } from './retry-backoff';

describe('retry backoff for failing outbox events and timer items', () => {
  it('waits one poll interval after the first failure and doubles after each next one', () => {
    expect([1, 2, 3, 4].map((attempts) => retryDelayMs(attempts, 200))).toEqual([200, 400, 800, 1600]);
  });

  it('never waits longer than five minutes, however many failures', () => {
    expect(retryDelayMs(12, 200)).toBe(MAX_RETRY_DELAY_MS);
    expect(retryDelayMs(10_000, 200)).toBe(MAX_RETRY_DELAY_MS);
  });

  it('stores an error as its name and message, cut to 2000 characters', () => {
    expect(describeError(new TypeError('bad payload'))).toBe('TypeError: bad payload');
    expect(describeError('x'.repeat(5000))).toHaveLength(2000);
  });
});
