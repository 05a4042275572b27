import { useCallback, useState } from 'react';
import { describeError } from './api.client';

/**
 * Runs a user action: while it runs, `busy` disables the buttons; if it fails, `error` says why
 * in words (the previous error is cleared when the next action starts).
 */
export function useBusyAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
