/** The longest a failing outbox event or timer item waits before its next attempt. */
export const MAX_RETRY_DELAY_MS = 5 * 60_000;

/**
 * The wait before the next attempt after `attempts` failures: the poll interval doubled per
 * failure, capped at five minutes, so a poisoned row costs a few queries an hour, not five a second.
 */
export function retryDelayMs(attempts: number, pollIntervalMs: number): number {
  return Math.min(pollIntervalMs * 2 ** Math.min(Math.max(attempts - 1, 0), 20), MAX_RETRY_DELAY_MS);
}

/** An error as one line for a `last_error` column. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 2000);
}
