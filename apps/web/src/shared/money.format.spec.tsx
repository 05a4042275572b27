import { formatMoney, parseMajorAmount } from './money.format';

describe('formatMoney', () => {
  it('formats integer minor units with the currency', () => {
    expect(formatMoney({ amountMinor: 5900, currency: 'CNY' }, 'en')).toBe('CN¥59.00');
    expect(formatMoney({ amountMinor: 5900, currency: 'CNY' }, 'zh-CN')).toBe('¥59.00');
    expect(formatMoney({ amountMinor: 123456, currency: 'USD' }, 'en')).toBe('$1,234.56');
    expect(formatMoney({ amountMinor: 1, currency: 'USD' }, 'en')).toBe('$0.01');
  });

  it('knows currencies without minor units and never rounds through floats wrongly', () => {
    expect(formatMoney({ amountMinor: 500, currency: 'JPY' }, 'en')).toBe('¥500');
    expect(formatMoney({ amountMinor: 28790, currency: 'CNY' }, 'en')).toBe('CN¥287.90');
  });

  it('shows a dash for no money and survives an unknown currency code', () => {
    expect(formatMoney(null)).toBe('—');
    expect(formatMoney({ amountMinor: 1234, currency: 'ZZZ' }, 'en')).toMatch(/12\.34/);
  });
});

describe('parseMajorAmount', () => {
  it('turns typed amounts into minor units exactly', () => {
    expect(parseMajorAmount('59', 'CNY')).toBe(5900);
    expect(parseMajorAmount('59.5', 'CNY')).toBe(5950);
    expect(parseMajorAmount('0.29', 'CNY')).toBe(29);
    expect(parseMajorAmount('1,05', 'EUR')).toBe(105);
    expect(parseMajorAmount('500', 'JPY')).toBe(500);
  });

  it('refuses zero, negatives, too many decimals and text', () => {
    expect(parseMajorAmount('0', 'CNY')).toBeNull();
    expect(parseMajorAmount('-5', 'CNY')).toBeNull();
    expect(parseMajorAmount('1.234', 'CNY')).toBeNull();
    expect(parseMajorAmount('1.5', 'JPY')).toBeNull();
    expect(parseMajorAmount('ten', 'CNY')).toBeNull();
    expect(parseMajorAmount('', 'CNY')).toBeNull();
  });
});
