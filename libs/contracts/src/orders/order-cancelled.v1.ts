import { z } from 'zod';
import { defineEvent } from '../contract';
import { customerIdSchema, orderIdSchema } from '../common/ids';
import { positiveMoneySchema } from '../common/money';
import { timestampSchema } from '../common/time';
import { ORDERS_STREAM } from '../streams';

/** An order was cancelled before shipping; anything paid from the wallet went back to it. */
export const orderCancelledV1 = defineEvent({
  subject: 'orders.order.cancelled.v1',
  stream: ORDERS_STREAM,
  schema: z.object({
    orderId: orderIdSchema,
    customerId: customerIdSchema,
    reason: z.string().trim().min(1).max(500),
    /** What was refunded to the wallet; null when nothing had been paid. */
    refunded: positiveMoneySchema.nullable(),
    cancelledAt: timestampSchema,
  }),
});
export type OrderCancelledV1 = z.infer<typeof orderCancelledV1.schema>;
