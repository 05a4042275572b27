import { useEffect, useState } from 'react';
import { useLocale } from '../i18n/locale-switch.view';

/** `m:ss` (or `h:mm:ss`) of a duration in milliseconds; never negative. */
export function formatCallDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * How long the call has lasted (from when it reached this agent, or started), ticking each
 * second while it lasts and standing still at its end. A small component of its own so a call
 * bar can take it over.
 */
export function CallTimer({ since, endedAt, now = Date.now }: { since: string; endedAt?: string | null; now?: () => number }) {
  const { t } = useLocale();
  const [clock, setClock] = useState(now);
  useEffect(() => {
    if (endedAt) return undefined;
    const timer = setInterval(() => setClock(now()), 1000);
    return () => clearInterval(timer);
  }, [endedAt, now]);
  const end = endedAt ? Date.parse(endedAt) : clock;
  return (
    <span className="call-timer" aria-label={t('caller.callDuration')}>
      <time dateTime={`PT${Math.max(0, Math.floor((end - Date.parse(since)) / 1000))}S`}>{formatCallDuration(end - Date.parse(since))}</time>
    </span>
  );
}
