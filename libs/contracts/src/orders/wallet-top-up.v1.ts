import { z } from 'zod';
import { defineRequest, ReplyOf } from '../contract';
import { customerIdSchema, idempotencyKeySchema, staffIdSchema } from '../common/ids';
import { positiveMoneySchema } from '../common/money';
import { walletLedgerEntrySchema, walletSchema } from '../common/wallet';

/**
 * Credit money a customer paid in to their wallet; staff only, always with a reason, and at most
 * once per idempotency key.
 */
export const walletTopUpV1 = defineRequest({
  subject: 'orders.wallet.top-up.v1',
  request: z.object({
    customerId: customerIdSchema,
    amount: positiveMoneySchema,
    reason: z.string().trim().min(1).max(500),
    staffId: staffIdSchema,
    idempotencyKey: idempotencyKeySchema,
  }),
  success: z.object({ entry: walletLedgerEntrySchema, wallet: walletSchema }),
  errorCodes: ['CUSTOMER_NOT_FOUND', 'CURRENCY_MISMATCH'],
});
export type WalletTopUpRequestV1 = z.infer<typeof walletTopUpV1.request>;
export type WalletTopUpReplyV1 = ReplyOf<typeof walletTopUpV1>;
