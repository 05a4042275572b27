import { z } from 'zod';
import { defineRequest, ReplyOf } from '../contract';
import { topUpProviderSchema } from './wallet-top-up-start.v1';

/**
 * A payment provider's asynchronous notification, relayed as received by the gateway (the public
 * endpoint) to orders, which holds the keys, verifies it and credits the wallet at most once. The
 * reply is always ok and carries the exact HTTP answer the provider expects (Alipay: the text
 * `success` to stop its retries, `failure` otherwise); `outcome` says what happened, for logs.
 * Providers that sign the raw body (WeChat Pay) will add optional `rawBody` and `headers`.
 */
export const paymentNotificationV1 = defineRequest({
  subject: 'orders.payment.notification.v1',
  request: z.object({
    provider: topUpProviderSchema,
    /** The notification's form fields, decoded (Alipay posts application/x-www-form-urlencoded). */
    fields: z.record(z.string().max(64), z.string().max(4000)).refine((fields) => Object.keys(fields).length <= 100, 'at most 100 fields'),
  }),
  success: z.object({
    outcome: z.enum(['credited', 'already-credited', 'not-paid-yet', 'closed', 'forged', 'foreign-app', 'unknown-payment', 'amount-mismatch', 'unconfigured']),
    response: z.object({ status: z.number().int().min(200).max(599), contentType: z.string(), body: z.string() }),
  }),
});
export type PaymentNotificationRequestV1 = z.infer<typeof paymentNotificationV1.request>;
export type PaymentNotificationReplyV1 = ReplyOf<typeof paymentNotificationV1>;
