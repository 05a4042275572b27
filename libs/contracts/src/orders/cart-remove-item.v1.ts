import { z } from 'zod';
import { actorSchema } from '../common/actor';
import { defineRequest, ReplyOf } from '../contract';
import { cartOwnerSchema, cartSchema } from '../common/cart';
import { productIdSchema } from '../common/ids';

/** Take a product out of a cart. */
export const cartRemoveItemV1 = defineRequest({
  subject: 'orders.cart.remove-item.v1',
  request: z.object({ cart: cartOwnerSchema, productId: productIdSchema, actor: actorSchema.optional() }),
  success: z.object({ cart: cartSchema }),
  errorCodes: ['CART_NOT_FOUND', 'LINE_NOT_FOUND'],
});
export type CartRemoveItemRequestV1 = z.infer<typeof cartRemoveItemV1.request>;
export type CartRemoveItemReplyV1 = ReplyOf<typeof cartRemoveItemV1>;
