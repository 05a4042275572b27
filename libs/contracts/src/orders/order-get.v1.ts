import { z } from 'zod';
import { defineRequest, ReplyOf } from '../contract';
import { customerIdSchema, orderIdSchema } from '../common/ids';
import { orderSchema } from '../common/order';
import { paymentSchema } from '../common/wallet';

/** One order with its payment, if settled. With `customerId`, only that customer's order is found. */
export const orderGetV1 = defineRequest({
  subject: 'orders.order.get.v1',
  request: z.object({ orderId: orderIdSchema, customerId: customerIdSchema.optional() }),
  success: z.object({ order: orderSchema, payment: paymentSchema.nullable() }),
  errorCodes: ['ORDER_NOT_FOUND'],
});
export type OrderGetReplyV1 = ReplyOf<typeof orderGetV1>;
