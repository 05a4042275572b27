import { z } from 'zod';
import { defineRequest, ReplyOf } from '../contract';
import { customerIdSchema, idempotencyKeySchema, staffIdSchema } from '../common/ids';
import { positiveMoneySchema } from '../common/money';
import { walletLedgerEntrySchema, walletSchema } from '../common/wallet';

/** The staff roles, as the gateway names them: top-up limits are per role. */
export const staffRoleSchema = z.enum(['agent', 'catalogue-manager', 'admin']);

/**
 * Credit money a customer paid in to their wallet; staff only, always with a reason, and at most
 * once per idempotency key (the same key with another request is `IDEMPOTENCY_KEY_REUSED`).
 * Each top-up and each staff member's day of top-ups is capped by the role's limits
 * (`TOP_UP_LIMIT`); a balance never passes the wallet's ceiling (`BALANCE_LIMIT`).
 */
export const walletTopUpV1 = defineRequest({
  subject: 'orders.wallet.top-up.v1',
  request: z.object({
    customerId: customerIdSchema,
    amount: positiveMoneySchema,
    reason: z.string().trim().min(1).max(500),
    staffId: staffIdSchema,
    idempotencyKey: idempotencyKeySchema,
    /** The role of the staff member topping up (the gateway knows it); absent = the strictest limits, an agent's. */
    staffRole: staffRoleSchema.optional(),
  }),
  success: z.object({ entry: walletLedgerEntrySchema, wallet: walletSchema }),
  errorCodes: ['CUSTOMER_NOT_FOUND', 'CURRENCY_MISMATCH', 'TOP_UP_LIMIT', 'BALANCE_LIMIT', 'IDEMPOTENCY_KEY_REUSED'],
});
export type WalletTopUpRequestV1 = z.infer<typeof walletTopUpV1.request>;
export type WalletTopUpReplyV1 = ReplyOf<typeof walletTopUpV1>;
