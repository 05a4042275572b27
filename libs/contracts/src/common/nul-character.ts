/**
 * Whether a value decoded from JSON holds a NUL character (`\u0000`) in any string or key.
 * PostgreSQL cannot store NUL in text, so such input must be refused where it enters (the
 * gateway's requests, every service's NATS requests and events) instead of failing deep inside
 * a transaction. Walked without recursion: JSON may nest deeply.
 */
export function containsNulCharacter(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') {
      if (next.includes('\u0000')) return true;
    } else if (Array.isArray(next)) {
      for (const item of next) pending.push(item);
    } else if (next !== null && typeof next === 'object') {
      for (const [key, member] of Object.entries(next)) {
        if (key.includes('\u0000')) return true;
        pending.push(member);
      }
    }
  }
  return false;
}
