import { z } from 'zod';

const UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

/**
 * A duration variable: `300ms`, `45s`, `5m`, `1h`, or a bare number of milliseconds. Any length
 * is accepted (the method says 5-10 minutes for registration; tests use seconds).
 */
export const durationMsSchema = z
  .string()
  .transform((value, ctx) => {
    const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)?\s*$/.exec(value);
    if (!match) {
      ctx.addIssue({ code: 'custom', message: 'expected a duration such as 300ms, 45s, 5m or 1h' });
      return z.NEVER;
    }
    return Math.round(Number(match[1]) * UNITS_MS[match[2] ?? 'ms']);
  })
  .pipe(z.number().int().min(0).max(7 * 24 * 3_600_000));
