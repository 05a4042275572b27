import { z } from 'zod';
import { actorSchema } from '../common/actor';
import { defineRequest, ReplyOf } from '../contract';
import { orderIdSchema } from '../common/ids';
import { orderSchema } from '../common/order';

/** Cancel an order that has not shipped yet; a wallet payment is refunded to the wallet. */
export const orderCancelV1 = defineRequest({
  subject: 'orders.order.cancel.v1',
  request: z.object({ orderId: orderIdSchema, reason: z.string().trim().min(1).max(500), actor: actorSchema.optional() }),
  success: z.object({ order: orderSchema }),
  errorCodes: ['ORDER_NOT_FOUND', 'NOT_CANCELLABLE'],
});
export type OrderCancelRequestV1 = z.infer<typeof orderCancelV1.request>;
export type OrderCancelReplyV1 = ReplyOf<typeof orderCancelV1>;
