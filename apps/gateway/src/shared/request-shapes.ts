import { z } from 'zod';
import { idempotencyKeySchema, positiveMoneySchema, productIdSchema, shippingAddressSchema, timestampSchema } from '@callcart/contracts';

/** Bodies the agent desk, the shop and the admin page send, checked before anything is relayed. */
export const quantityBody = z.object({ quantity: z.number().int().min(1).max(99) });
export const addItemBody = quantityBody.extend({ productId: productIdSchema });
export const idempotentBody = z.object({ idempotencyKey: idempotencyKeySchema });
export const addressBody = z.object({ address: shippingAddressSchema });
export const topUpBody = z.object({
  amount: positiveMoneySchema,
  reason: z.string().trim().min(1, 'a reason is required').max(500),
  idempotencyKey: idempotencyKeySchema,
});
export const searchQuery = z.object({
  q: z.string().trim().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export const productIdParam = productIdSchema;
/** A page of a customer's orders, newest first (`before` = the last `placedAt` seen). */
export const ordersQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).default(20), before: timestampSchema.optional() });
