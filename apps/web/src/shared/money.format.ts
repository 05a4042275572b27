import type { Money } from './api-types';

/** Minor-unit exponent per currency (ISO 4217); Intl knows them, this is the fallback. */
function fractionDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * Formats integer minor units as currency for display (`5900 CNY` → `CN¥59.00` in English,
 * `¥59.00` in Chinese). Money stays an integer everywhere else; only the screen sees decimals.
 * An unknown currency code still renders (`12.34 XXZ`) instead of throwing.
 */
export function formatMoney(money: Money | null | undefined, locale = 'en'): string {
  if (!money) return '—';
  const digits = fractionDigits(money.currency);
  const major = money.amountMinor / 10 ** digits;
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(major);
  } catch {
    return `${major.toFixed(digits)} ${money.currency}`;
  }
}

/**
 * Parses what a person types as an amount ("59", "59.5", "59.50") into minor units, or null when
 * it is not a positive amount with at most the currency's decimals. No floating-point rounding:
 * the digits are joined as text.
 */
export function parseMajorAmount(text: string, currency: string): number | null {
  const digits = fractionDigits(currency);
  const match = /^\s*(\d{1,12})(?:[.,](\d*))?\s*$/.exec(text);
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  const minor = Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) && minor > 0 ? minor : null;
}

/** Minor units as the plain amount a person edits (`5900 CNY` → `59.00`), for a form's initial value. */
export function formatMajorAmount(money: Money | null | undefined): string {
  if (!money) return '';
  const digits = fractionDigits(money.currency);
  return (money.amountMinor / 10 ** digits).toFixed(digits);
}
