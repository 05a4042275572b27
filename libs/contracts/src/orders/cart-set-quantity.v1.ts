import { z } from 'zod';
import { actorSchema } from '../common/actor';
import { defineRequest, ReplyOf } from '../contract';
import { cartOwnerSchema, cartSchema } from '../common/cart';
import { productIdSchema } from '../common/ids';
import { lineQuantitySchema } from '../common/priced-lines';

/** Change how many of a product a cart holds (removing it is its own command). */
export const cartSetQuantityV1 = defineRequest({
  subject: 'orders.cart.set-quantity.v1',
  request: z.object({ cart: cartOwnerSchema, productId: productIdSchema, quantity: lineQuantitySchema, actor: actorSchema.optional() }),
  success: z.object({ cart: cartSchema }),
  errorCodes: ['CART_NOT_FOUND', 'LINE_NOT_FOUND'],
});
export type CartSetQuantityRequestV1 = z.infer<typeof cartSetQuantityV1.request>;
export type CartSetQuantityReplyV1 = ReplyOf<typeof cartSetQuantityV1>;
