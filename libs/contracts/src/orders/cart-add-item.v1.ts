import { z } from 'zod';
import { actorSchema } from '../common/actor';
import { defineRequest, ReplyOf } from '../contract';
import { cartOwnerSchema, cartSchema } from '../common/cart';
import { productIdSchema } from '../common/ids';
import { lineQuantitySchema } from '../common/priced-lines';

/** Put a product in a cart at its current price; adding a product already there raises its quantity. */
export const cartAddItemV1 = defineRequest({
  subject: 'orders.cart.add-item.v1',
  request: z.object({ cart: cartOwnerSchema, productId: productIdSchema, quantity: lineQuantitySchema, actor: actorSchema.optional() }),
  success: z.object({ cart: cartSchema }),
  errorCodes: [
    'PRODUCT_NOT_FOUND',
    'PRODUCT_INACTIVE',
    'PRODUCT_UNPRICED',
    'CURRENCY_MISMATCH',
    'CATALOGUE_UNAVAILABLE',
    'CART_NOT_FOUND',
    'QUANTITY_LIMIT',
  ],
});
export type CartAddItemRequestV1 = z.infer<typeof cartAddItemV1.request>;
export type CartAddItemReplyV1 = ReplyOf<typeof cartAddItemV1>;
