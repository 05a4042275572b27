import { z } from 'zod';
import { defineRequest, ReplyOf } from '../contract';
import { customerIdSchema } from '../common/ids';
import { orderSchema } from '../common/order';
import { timestampSchema } from '../common/time';

/** A customer's orders, newest first, a page at a time (`before` = the last `placedAt` seen). */
export const orderListV1 = defineRequest({
  subject: 'orders.order.list.v1',
  request: z.object({
    customerId: customerIdSchema,
    limit: z.number().int().min(1).max(50),
    before: timestampSchema.optional(),
  }),
  success: z.object({ orders: z.array(orderSchema).max(50) }),
  errorCodes: ['CUSTOMER_NOT_FOUND'],
});
export type OrderListReplyV1 = ReplyOf<typeof orderListV1>;
