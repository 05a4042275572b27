import type { CommonErrorCode, Failure } from '@callcart/contracts';

/** Builds a typed error reply: `{ ok: false, code, message }` with a stable code. */
export function requestFailure<TCode extends string>(code: TCode | CommonErrorCode, message: string): Failure<TCode> {
  return { ok: false, code, message };
}

/**
 * A request that got no reply, as a typed reply: `UNAVAILABLE` when nobody serves the subject or
 * the connection failed, `TIMEOUT` when the reply did not come in time.
 */
export function transportFailure<T>(subject: string, error: unknown): T {
  const cause = (error as { cause?: unknown }).cause as Error | undefined;
  const withCheck = error as { isNoResponders?: () => boolean };
  const noResponders = (typeof withCheck.isNoResponders === 'function' && withCheck.isNoResponders()) || cause?.name === 'NoRespondersError';
  if (noResponders) return requestFailure('UNAVAILABLE', `no service answers ${subject}`) as T;
  if ((error as Error).name === 'TimeoutError' || cause?.name === 'TimeoutError') {
    return requestFailure('TIMEOUT', `no reply on ${subject} in time`) as T;
  }
  return requestFailure('UNAVAILABLE', `request on ${subject} failed: ${(error as Error).message}`) as T;
}
