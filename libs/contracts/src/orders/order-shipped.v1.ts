import { z } from 'zod';
import { actorSchema } from '../common/actor';
import { defineEvent } from '../contract';
import { customerIdSchema, orderIdSchema } from '../common/ids';
import { nonNegativeMoneySchema } from '../common/money';
import { timestampSchema } from '../common/time';
import { paymentMethodSchema } from '../common/wallet';
import { ORDERS_STREAM } from '../streams';

/**
 * An order left with the courier: the customer's screens can say so, and the courier collects
 * `amountToCollect` at the door (zero when it was paid from the wallet).
 */
export const orderShippedV1 = defineEvent({
  subject: 'orders.order.shipped.v1',
  stream: ORDERS_STREAM,
  schema: z.object({
    orderId: orderIdSchema,
    customerId: customerIdSchema,
    shipmentId: z.uuid(),
    paymentMethod: paymentMethodSchema,
    amountToCollect: nonNegativeMoneySchema,
    shippedAt: timestampSchema,
    shippedBy: actorSchema.optional(),
  }),
});
export type OrderShippedV1 = z.infer<typeof orderShippedV1.schema>;
