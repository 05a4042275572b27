import { HttpException } from '@nestjs/common';

/**
 * Every error the gateway's API answers has the body `{ code, message }`: a stable code a
 * screen can act on and a sentence a person can read.
 */
export class ApiError extends HttpException {
  /** `details` are further fields of the body a screen can act on (e.g. `retryAfterSeconds` of a 429). */
  constructor(status: number, code: string, message: string, details?: Record<string, string | number | boolean>) {
    super({ ...details, code, message }, status);
  }
}

const STATUS_BY_CODE: Record<string, number> = {
  INVALID_REQUEST: 400,
  INVALID_PHONE: 400,
  INVALID_CODE: 401,
  CODE_EXPIRED: 401,
  NO_CODE: 401,
  RATE_LIMITED: 429,
  TOO_MANY_ATTEMPTS: 429,
  UNAVAILABLE: 503,
  SMS_NOT_SENT: 503,
  PAYMENT_PROVIDER_UNAVAILABLE: 503,
  TOP_UPS_DISABLED: 404,
  TIMEOUT: 503,
  CATALOGUE_UNAVAILABLE: 503,
  INVALID_REPLY: 502,
  INTERNAL: 502,
  OUTBOX_DISABLED: 404,
  ALREADY_REGISTERED: 409,
  NOT_AWAITING_PAYMENT: 409,
  NOT_CANCELLABLE: 409,
  NOT_READY_TO_SHIP: 409,
  CART_EMPTY: 409,
  INVALID_SDP: 400,
};

/**
 * The HTTP status for another service's error code: not found → 404, bad input → 400, the
 * service unreachable or slow → 503, its own failure → 502, a business refusal → 409 (a state
 * conflict) or 422 (the request cannot be done as asked).
 */
export function statusForCode(code: string): number {
  const known = STATUS_BY_CODE[code];
  if (known) return known;
  if (code === 'NOT_FOUND' || code.endsWith('_NOT_FOUND')) return 404;
  return 422;
}

/** Unwraps a NATS reply: the success fields, or an {@link ApiError} with the mapped status. */
export function unwrapReply<T extends { ok: boolean }>(reply: T): Extract<T, { ok: true }> {
  if (reply.ok) return reply as Extract<T, { ok: true }>;
  const failure = reply as unknown as { code: string; message: string };
  throw new ApiError(statusForCode(failure.code), failure.code, failure.message);
}

export const forbidden = (message = 'this is not yours'): ApiError => new ApiError(403, 'FORBIDDEN', message);
export const notFound = (message: string): ApiError => new ApiError(404, 'NOT_FOUND', message);
