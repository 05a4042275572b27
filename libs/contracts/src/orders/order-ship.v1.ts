import { z } from 'zod';
import { actorSchema } from '../common/actor';
import { defineRequest, ReplyOf } from '../contract';
import { orderIdSchema } from '../common/ids';
import { orderSchema } from '../common/order';
import { timestampSchema } from '../common/time';

/**
 * The warehouse (today: an admin) hands a ready-to-ship order to the courier. Only a
 * `ready_to_ship` order ships; asking again for an order already shipped answers with it as it
 * is and announces nothing twice.
 */
export const orderShipV1 = defineRequest({
  subject: 'orders.order.ship.v1',
  request: z.object({ orderId: orderIdSchema, actor: actorSchema.optional() }),
  success: z.object({ order: orderSchema, shippedAt: timestampSchema }),
  errorCodes: ['ORDER_NOT_FOUND', 'NOT_READY_TO_SHIP'],
});
export type OrderShipRequestV1 = z.infer<typeof orderShipV1.request>;
export type OrderShipReplyV1 = ReplyOf<typeof orderShipV1>;
