import { ApiError, statusForCode, unwrapReply } from './api-error';

describe('mapping service error codes to HTTP', () => {
  it.each([
    ['NOT_FOUND', 404],
    ['ORDER_NOT_FOUND', 404],
    ['INVALID_REQUEST', 400],
    ['INVALID_PHONE', 400],
    ['UNAVAILABLE', 503],
    ['TIMEOUT', 503],
    ['INTERNAL', 502],
    ['CART_EMPTY', 409],
    ['ALREADY_REGISTERED', 409],
    ['INSUFFICIENT_FUNDS', 422],
    ['ADDRESS_REQUIRED', 422],
    ['RATE_LIMITED', 429],
  ])('%s → %i', (code, status) => {
    expect(statusForCode(code)).toBe(status);
  });

  it('answers a failure reply as { code, message } and passes a success through', () => {
    expect(unwrapReply({ ok: true, value: 1 })).toEqual({ ok: true, value: 1 });
    try {
      unwrapReply({ ok: false, code: 'INSUFFICIENT_FUNDS', message: 'top up first' });
      throw new Error('expected an ApiError');
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).getStatus()).toBe(422);
      expect((error as ApiError).getResponse()).toEqual({ code: 'INSUFFICIENT_FUNDS', message: 'top up first' });
    }
  });
});
