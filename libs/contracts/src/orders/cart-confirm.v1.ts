import { z } from 'zod';
import { actorSchema } from '../common/actor';
import { defineRequest, ReplyOf } from '../contract';
import { cartOwnerSchema, cartSchema } from '../common/cart';

/** Record that the customer agreed to the cart's content as the agent read it back. */
export const cartConfirmV1 = defineRequest({
  subject: 'orders.cart.confirm.v1',
  request: z.object({ cart: cartOwnerSchema, actor: actorSchema.optional() }),
  success: z.object({ cart: cartSchema }),
  errorCodes: ['CART_NOT_FOUND', 'CART_EMPTY'],
});
export type CartConfirmRequestV1 = z.infer<typeof cartConfirmV1.request>;
export type CartConfirmReplyV1 = ReplyOf<typeof cartConfirmV1>;
