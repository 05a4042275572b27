import type { CommonErrorCode, Failure } from '@callcart/contracts';

/** Builds a typed error reply: `{ ok: false, code, message }` with a stable code. */
export function requestFailure<TCode extends string>(code: TCode | CommonErrorCode, message: string): Failure<TCode> {
  return { ok: false, code, message };
}
