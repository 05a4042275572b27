import { moneyText } from './money-text';

describe('moneyText', () => {
  it('reads integer minor units by the currency’s exponent', () => {
    expect(moneyText({ amountMinor: 100_000, currency: 'CNY' })).toBe('CN¥1,000.00');
    expect(moneyText({ amountMinor: 21_900, currency: 'CNY' })).toBe('CN¥219.00');
    expect(moneyText({ amountMinor: 5, currency: 'CNY' })).toBe('CN¥0.05');
    expect(moneyText({ amountMinor: 1500, currency: 'JPY' })).toBe('¥1,500');
  });
});
