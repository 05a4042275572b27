import { useEffect, useState } from 'react';

/** Whole seconds from now until `deadline` (ISO time), ticking each second; null without a deadline, never below 0. */
export function useSecondsLeft(deadline: string | null | undefined, now: () => number = Date.now): number | null {
  const [clock, setClock] = useState(now);
  useEffect(() => {
    if (!deadline) return undefined;
    setClock(now());
    const timer = setInterval(() => setClock(now()), 1000);
    return () => clearInterval(timer);
  }, [deadline, now]);
  return deadline ? Math.max(0, Math.ceil((Date.parse(deadline) - clock) / 1000)) : null;
}
