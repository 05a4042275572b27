import { z } from 'zod';
import { customerIdSchema, orderIdSchema, staffIdSchema } from './ids';
import { moneySchema, nonNegativeMoneySchema, positiveMoneySchema } from './money';
import { timestampSchema } from './time';

/** How an order was settled: from the prepaid wallet, or by the courier at the door. */
export const paymentMethodSchema = z.enum(['wallet', 'cash-on-delivery']);
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;

/** An order's payment settled, exactly once, by one method. */
export const paymentSchema = z.object({
  orderId: orderIdSchema,
  customerId: customerIdSchema,
  method: paymentMethodSchema,
  /** Debited from the wallet, or to be collected on delivery. */
  amount: nonNegativeMoneySchema,
  settledAt: timestampSchema,
});
export type Payment = z.infer<typeof paymentSchema>;

const negativeMoneySchema = moneySchema.extend({ amountMinor: z.number().int().safe().negative() });

const entryBase = {
  entryId: z.uuid(),
  /** The wallet's balance right after this entry: never negative. */
  balanceAfter: nonNegativeMoneySchema,
  at: timestampSchema,
};

/**
 * One row of the wallet's append-only ledger. Amounts are signed (credits positive, debits
 * negative) so the balance is the ledger's sum; every debit and refund names its order, every
 * paid-in credit the provider's trade number.
 */
export const walletLedgerEntrySchema = z.discriminatedUnion('kind', [
  z.object({
    ...entryBase,
    kind: z.literal('top-up'),
    amount: positiveMoneySchema,
    reason: z.string().trim().min(1).max(500),
    staffId: staffIdSchema,
  }),
  z.object({ ...entryBase, kind: z.literal('payment'), amount: negativeMoneySchema, orderId: orderIdSchema }),
  z.object({ ...entryBase, kind: z.literal('refund'), amount: positiveMoneySchema, orderId: orderIdSchema }),
  /** The customer paid money in through a payment provider; names the provider's trade number. */
  z.object({
    ...entryBase,
    kind: z.literal('paid-in'),
    amount: positiveMoneySchema,
    provider: z.enum(['alipay']),
    providerTradeNo: z.string().min(1).max(64),
    topUpId: z.uuid(),
  }),
]);
export type WalletLedgerEntry = z.infer<typeof walletLedgerEntrySchema>;

/** A customer's prepaid wallet: its balance and its latest ledger entries, newest first. */
export const walletSchema = z.object({
  customerId: customerIdSchema,
  balance: nonNegativeMoneySchema,
  recentEntries: z.array(walletLedgerEntrySchema).max(50),
});
export type Wallet = z.infer<typeof walletSchema>;
