/**
 * A moment as a person in `locale` reads it: the date and the time, short (`4 Dec 2026, 22:45`,
 * `2026年12月4日 22:45`), in the browser's time zone. An unreadable timestamp shows as a dash
 * rather than "Invalid Date".
 */
export function formatDateTime(iso: string | null | undefined, locale: string): string {
  const at = iso ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(at)) return '—';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

/** The time of day alone (`22:45`), for a deadline within the next hours. */
export function formatTimeOfDay(iso: string | null | undefined, locale: string): string {
  const at = iso ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(at)) return '—';
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(at);
}
