/** Whole seconds left until `deadline` (never negative); null for no or an unreadable deadline. */
export function secondsLeft(deadline: string | null | undefined, now: number): number | null {
  if (!deadline) return null;
  const due = Date.parse(deadline);
  if (Number.isNaN(due)) return null;
  return Math.max(0, Math.ceil((due - now) / 1000));
}

/** `m:ss` (or `h:mm:ss`) for a countdown. */
export function formatSeconds(total: number): string {
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
}
