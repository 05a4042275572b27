import { z } from 'zod';
import { defineEvent } from '../contract';
import { paymentSchema } from '../common/wallet';
import { ORDERS_STREAM } from '../streams';

/**
 * An order's payment is settled, exactly once: paid from the wallet, or the payment window
 * expired and it ships cash on delivery. Either way it can now be made ready to ship.
 */
export const paymentSettledV1 = defineEvent({
  subject: 'orders.payment.settled.v1',
  stream: ORDERS_STREAM,
  schema: paymentSchema,
});
export type PaymentSettledV1 = z.infer<typeof paymentSettledV1.schema>;
