import { z } from 'zod';
import { actorSchema } from '../common/actor';
import { defineRequest, ReplyOf } from '../contract';
import { shippingAddressSchema } from '../common/address';
import { customerIdSchema } from '../common/ids';

/** Set the customer's default shipping address (the agent's form for new customers, or the shop). */
export const customerSetShippingAddressV1 = defineRequest({
  subject: 'orders.customer.set-shipping-address.v1',
  request: z.object({ customerId: customerIdSchema, address: shippingAddressSchema, actor: actorSchema.optional() }),
  success: z.object({ customerId: customerIdSchema, address: shippingAddressSchema }),
  errorCodes: ['CUSTOMER_NOT_FOUND'],
});
export type CustomerSetShippingAddressRequestV1 = z.infer<typeof customerSetShippingAddressV1.request>;
export type CustomerSetShippingAddressReplyV1 = ReplyOf<typeof customerSetShippingAddressV1>;
