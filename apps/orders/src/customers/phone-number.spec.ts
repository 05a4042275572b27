import { readPhoneNumber } from './phone-number';

describe('reading a caller number', () => {
  it.each([
    ['13800138000', 'CN', '+8613800138000'],
    ['+86 138-0013-8000', 'CN', '+8613800138000'],
    ['010 8888 6666', 'CN', '+861088886666'],
    ['07911 123456', 'GB', '+447911123456'],
    ['+1 (415) 555-2671', 'CN', '+14155552671'],
  ] as const)('normalises %p (region %s) to %s', (raw, region, e164) => {
    expect(readPhoneNumber(raw, region)).toEqual({ ok: true, e164 });
  });

  it.each([
    ['anonymous', 'withheld'],
    ['Restricted', 'withheld'],
    ['', 'withheld'],
    ['+266696687', 'withheld'],
    ['client:alice', 'unsupported'],
    ['sip:alice@example.com', 'unsupported'],
    ['12345', 'invalid'],
    ['138OO138OOO', 'invalid'],
    ['+86 999 9999 9999 9999', 'invalid'],
  ] as const)('tells %p apart as %s', (raw, reason) => {
    expect(readPhoneNumber(raw, 'CN')).toEqual({ ok: false, reason });
  });
});
