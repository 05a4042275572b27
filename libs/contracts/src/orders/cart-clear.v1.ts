import { z } from 'zod';
import { actorSchema } from '../common/actor';
import { defineRequest, ReplyOf } from '../contract';
import { cartOwnerSchema, cartSchema } from '../common/cart';

/** Empty a cart (the caller changed their mind about everything). */
export const cartClearV1 = defineRequest({
  subject: 'orders.cart.clear.v1',
  request: z.object({ cart: cartOwnerSchema, actor: actorSchema.optional() }),
  success: z.object({ cart: cartSchema }),
  errorCodes: ['CART_NOT_FOUND'],
});
export type CartClearRequestV1 = z.infer<typeof cartClearV1.request>;
export type CartClearReplyV1 = ReplyOf<typeof cartClearV1>;
