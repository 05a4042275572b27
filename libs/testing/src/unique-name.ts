import { randomBytes } from 'node:crypto';

/**
 * A name unique to this test run that also says when it was made (`t<epoch seconds>x<random>`),
 * so that leftovers of crashed runs can be recognised by age and cleaned up without touching a
 * run that is still going.
 */
export function uniqueRunName(): string {
  return `t${Math.floor(Date.now() / 1000)}x${randomBytes(4).toString('hex')}`;
}

/** The creation time encoded in a {@link uniqueRunName}, or undefined for other names. */
export function runNameCreatedAt(name: string): Date | undefined {
  const match = /^t(\d{10})x[0-9a-f]{8}/.exec(name);
  return match ? new Date(Number(match[1]) * 1000) : undefined;
}

/** Leftovers older than this are removed by the next run. */
export const LEFTOVER_AGE_MS = 6 * 3600 * 1000;
