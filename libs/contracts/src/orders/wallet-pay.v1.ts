import { z } from 'zod';
import { actorSchema } from '../common/actor';
import { defineRequest, ReplyOf } from '../contract';
import { customerIdSchema, idempotencyKeySchema, orderIdSchema } from '../common/ids';
import { nonNegativeMoneySchema } from '../common/money';
import { paymentSchema } from '../common/wallet';

/**
 * Pay an order awaiting payment from the customer's wallet, in full. Racing the payment window's
 * expiry, exactly one of the two settles the order.
 */
export const walletPayV1 = defineRequest({
  subject: 'orders.wallet.pay.v1',
  request: z.object({
    orderId: orderIdSchema,
    customerId: customerIdSchema,
    idempotencyKey: idempotencyKeySchema,
    /** Who asks: audited when staff, checked against the owner when a customer. */
    actor: actorSchema.optional(),
  }),
  success: z.object({
    payment: paymentSchema,
    /** The wallet's balance after the debit. */
    balance: nonNegativeMoneySchema,
  }),
  errorCodes: ['ORDER_NOT_FOUND', 'NOT_AWAITING_PAYMENT', 'INSUFFICIENT_FUNDS', 'CURRENCY_MISMATCH', 'IDEMPOTENCY_KEY_REUSED'],
});
export type WalletPayRequestV1 = z.infer<typeof walletPayV1.request>;
export type WalletPayReplyV1 = ReplyOf<typeof walletPayV1>;
