import type { Money } from '@callcart/contracts';

const formatters = new Map<string, Intl.NumberFormat>();

/** Integer minor units as people read them: 50000 CNY → "CN¥500.00" (by the currency's own exponent, no float sums). */
export function moneyText(money: Money): string {
  let format = formatters.get(money.currency);
  if (!format) {
    format = new Intl.NumberFormat('en', { style: 'currency', currency: money.currency });
    formatters.set(money.currency, format);
  }
  const exponent = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(money.amountMinor / 10 ** exponent);
}
