import { z } from 'zod';
import { defineRequest, ReplyOf } from '../contract';
import { cartOwnerSchema, cartSchema } from '../common/cart';

/** The cart as it is now, for a screen that opens or missed an update. */
export const cartGetV1 = defineRequest({
  subject: 'orders.cart.get.v1',
  request: z.object({ cart: cartOwnerSchema }),
  success: z.object({ cart: cartSchema }),
  errorCodes: ['CART_NOT_FOUND'],
});
export type CartGetRequestV1 = z.infer<typeof cartGetV1.request>;
export type CartGetReplyV1 = ReplyOf<typeof cartGetV1>;
