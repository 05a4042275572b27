import { z } from 'zod';
import { defineRequest, ReplyOf } from '../contract';
import { customerIdSchema, idempotencyKeySchema } from '../common/ids';
import { positiveMoneySchema } from '../common/money';
import { timestampSchema } from '../common/time';

/** The payment providers a customer can top up a wallet through. */
export const topUpProviderSchema = z.enum(['alipay']);
export type TopUpProvider = z.infer<typeof topUpProviderSchema>;

/** A customer's own top-up: pending until the provider says it was paid, or until it expires. */
export const walletTopUpPaymentSchema = z.object({
  topUpId: z.uuid(),
  amount: positiveMoneySchema,
  state: z.enum(['pending', 'paid', 'expired']),
  provider: topUpProviderSchema,
  /** What the customer opens or scans to pay (Alipay: the QR code's content, a URL). */
  payUrl: z.string().min(1).max(2000),
  expiresAt: timestampSchema,
});
export type WalletTopUpPayment = z.infer<typeof walletTopUpPaymentSchema>;

/**
 * A customer starts topping up their own wallet by an amount, paid through the payment provider;
 * the wallet is credited only when the provider's signed notification says it was paid. The same
 * idempotency key again returns the same top-up.
 */
export const walletTopUpStartV1 = defineRequest({
  subject: 'orders.wallet.start-top-up.v1',
  request: z.object({ customerId: customerIdSchema, amount: positiveMoneySchema, idempotencyKey: idempotencyKeySchema }),
  success: z.object({ topUp: walletTopUpPaymentSchema }),
  errorCodes: ['CUSTOMER_NOT_FOUND', 'CURRENCY_MISMATCH', 'AMOUNT_OUT_OF_RANGE', 'TOP_UPS_DISABLED', 'PAYMENT_PROVIDER_UNAVAILABLE'],
});
export type WalletTopUpStartRequestV1 = z.infer<typeof walletTopUpStartV1.request>;
export type WalletTopUpStartReplyV1 = ReplyOf<typeof walletTopUpStartV1>;
