import { z } from 'zod';
import { defineEvent } from '../contract';
import { cartSchema } from '../common/cart';

/**
 * A cart changed: the whole cart as it now is, so the agent's desk and the customer's web
 * session show the same thing. Live only; a screen that missed one asks for the cart.
 */
export const cartUpdatedV1 = defineEvent({
  subject: 'orders.cart.updated.v1',
  schema: z.object({ cart: cartSchema }),
});
export type CartUpdatedV1 = z.infer<typeof cartUpdatedV1.schema>;
