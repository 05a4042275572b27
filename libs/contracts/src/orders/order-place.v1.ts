import { z } from 'zod';
import { actorSchema } from '../common/actor';
import { defineRequest, ReplyOf } from '../contract';
import { callIdSchema } from '../envelope';
import { customerIdSchema, idempotencyKeySchema } from '../common/ids';
import { orderSchema, placedBySchema } from '../common/order';

/**
 * Turn the customer's cart into an order shipped to their default address and open its payment
 * window. Retrying with the same idempotency key returns the same order.
 */
export const orderPlaceV1 = defineRequest({
  subject: 'orders.order.place.v1',
  request: z.object({
    customerId: customerIdSchema,
    idempotencyKey: idempotencyKeySchema,
    placedBy: placedBySchema,
    callId: callIdSchema.optional(),
    /** Who asks: audited when staff, checked against the owner when a customer. */
    actor: actorSchema.optional(),
  }),
  success: z.object({ order: orderSchema }),
  errorCodes: ['CART_EMPTY', 'ADDRESS_REQUIRED', 'CUSTOMER_NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED'],
});
export type OrderPlaceRequestV1 = z.infer<typeof orderPlaceV1.request>;
export type OrderPlaceReplyV1 = ReplyOf<typeof orderPlaceV1>;
