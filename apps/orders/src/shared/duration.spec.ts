import { durationMsSchema } from './duration';

describe('duration variables', () => {
  it.each([
    ['300ms', 300],
    ['45s', 45_000],
    ['5m', 300_000],
    ['10min', 600_000],
    ['1h', 3_600_000],
    ['1500', 1500],
    ['0.5s', 500],
  ])('reads %p as %d ms', (value, ms) => {
    expect(durationMsSchema.parse(value)).toBe(ms);
  });

  it.each(['five minutes', '5 d', '-1s', ''])('refuses %p', (value) => {
    expect(durationMsSchema.safeParse(value).success).toBe(false);
  });
});
