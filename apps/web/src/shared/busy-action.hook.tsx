import { useCallback, useState } from 'react';
import { describeFailure } from '../i18n/i18n.setup';

/**
 * Runs a user action: while it runs, `busy` disables the buttons; if it fails, `error` says why
 * in words in the person's language (the previous error is cleared when the next action starts).
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
      setError(describeFailure(failure));
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
