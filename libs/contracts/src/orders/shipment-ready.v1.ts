import { z } from 'zod';
import { defineEvent } from '../contract';
import { shippingAddressSchema } from '../common/address';
import { customerIdSchema, orderIdSchema } from '../common/ids';
import { nonNegativeMoneySchema } from '../common/money';
import { pricedLineSchema } from '../common/priced-lines';
import { timestampSchema } from '../common/time';
import { paymentMethodSchema } from '../common/wallet';
import { ORDERS_STREAM } from '../streams';

/**
 * An order is settled and can be packed and handed to the courier: everything the warehouse and
 * the courier need travels here (what, where, and how much to collect at the door).
 */
export const shipmentReadyV1 = defineEvent({
  subject: 'orders.shipment.ready.v1',
  stream: ORDERS_STREAM,
  schema: z.object({
    shipmentId: z.uuid(),
    orderId: orderIdSchema,
    customerId: customerIdSchema,
    lines: z.array(pricedLineSchema).min(1).max(100),
    /** The address as it was when the order was placed. */
    address: shippingAddressSchema,
    paymentMethod: paymentMethodSchema,
    /** The order total under cash on delivery; zero when paid from the wallet. */
    amountToCollect: nonNegativeMoneySchema,
    readyAt: timestampSchema,
  }),
});
export type ShipmentReadyV1 = z.infer<typeof shipmentReadyV1.schema>;
