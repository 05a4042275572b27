import { useEffect, useState } from 'react';
import { formatSeconds, secondsLeft } from './countdown.logic';

/** The current time, refreshed every `intervalMs` while mounted. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * A live countdown to an ISO deadline (registration due, payment window). Shows `expiredText`
 * at zero; the label says what runs out.
 */
export function Countdown({ deadline, label, expiredText }: { deadline: string | null | undefined; label: string; expiredText: string }) {
  const now = useNow();
  const left = secondsLeft(deadline, now);
  if (left === null) return null;
  return (
    <span className={left === 0 ? 'countdown countdown-expired' : left <= 30 ? 'countdown countdown-urgent' : 'countdown'} role="timer" aria-label={label}>
      <span className="countdown-label">{label}</span> <strong>{left === 0 ? expiredText : formatSeconds(left)}</strong>
    </span>
  );
}
