import { createHash } from 'node:crypto';
import { requestFailure } from '@callcart/messaging';
import type { Failure } from '@callcart/contracts';

/** JSON with object keys sorted, so one request always gives one text whatever its key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The SHA-256 of what an idempotent command asks for, stored with its idempotency key: a retry
 * must ask for the same thing (decision 0076). The key itself and the actor (who asks, which a
 * retry may not repeat word for word) are left out.
 */
export function requestFingerprint(request: { idempotencyKey: string; actor?: unknown }): string {
  const { idempotencyKey: _key, actor: _actor, ...asked } = request;
  return createHash('sha256').update(canonicalJson(asked)).digest('hex');
}

/**
 * Whether a stored fingerprint allows this request as a retry. Rows written before fingerprints
 * were kept (null) are taken as matching.
 */
export function sameRequest(stored: string | null, request: { idempotencyKey: string; actor?: unknown }): boolean {
  return stored === null || stored === requestFingerprint(request);
}

/** The refusal for an idempotency key reused with another request, as payment APIs answer it. */
export function keyReused(what: string): Failure<'IDEMPOTENCY_KEY_REUSED'> {
  return requestFailure('IDEMPOTENCY_KEY_REUSED', `this idempotency key was used for another ${what}: retry with the same request, or use a new key`);
}
