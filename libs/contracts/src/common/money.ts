import { z } from 'zod';

/** ISO 4217 currency code (`CNY`, `USD`). */
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code');

/**
 * An amount of money as an integer count of the currency's minor unit (fen, cents) with its
 * currency: never a float, so totals add up exactly. May be negative (a ledger debit).
 */
export const moneySchema = z.object({
  amountMinor: z.number().int().safe(),
  currency: currencySchema,
});
export type Money = z.infer<typeof moneySchema>;

/** Money that cannot be below zero: prices, totals, balances. */
export const nonNegativeMoneySchema = moneySchema.extend({
  amountMinor: z.number().int().safe().nonnegative(),
});

/** Money strictly above zero: a top-up or a payment. */
export const positiveMoneySchema = moneySchema.extend({
  amountMinor: z.number().int().safe().positive(),
});
