import { z } from 'zod';
import { defineEvent } from '../contract';
import { orderSchema } from '../common/order';
import { ORDERS_STREAM } from '../streams';

/** An order was placed from the customer's cart and its payment window opened. */
export const orderPlacedV1 = defineEvent({
  subject: 'orders.order.placed.v1',
  stream: ORDERS_STREAM,
  schema: z.object({ order: orderSchema }),
});
export type OrderPlacedV1 = z.infer<typeof orderPlacedV1.schema>;
