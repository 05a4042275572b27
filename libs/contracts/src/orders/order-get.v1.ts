import { z } from 'zod';
import { defineRequest, ReplyOf } from '../contract';
import { customerIdSchema, orderIdSchema } from '../common/ids';
import { orderSchema } from '../common/order';
import { orderStateChangeSchema } from '../common/order-history';
import { paymentSchema } from '../common/wallet';

/**
 * One order with its payment, if settled. With `customerId`, only that customer's order is found.
 * `history` (every state change, oldest first) comes with orders from the order process on.
 */
export const orderGetV1 = defineRequest({
  subject: 'orders.order.get.v1',
  request: z.object({ orderId: orderIdSchema, customerId: customerIdSchema.optional() }),
  success: z.object({ order: orderSchema, payment: paymentSchema.nullable(), history: z.array(orderStateChangeSchema).max(50).optional() }),
  errorCodes: ['ORDER_NOT_FOUND'],
});
export type OrderGetReplyV1 = ReplyOf<typeof orderGetV1>;
