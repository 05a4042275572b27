import { z } from 'zod';
import { callIdSchema } from '../envelope';
import { cartIdSchema, customerIdSchema } from './ids';
import { nonNegativeMoneySchema } from './money';
import { checkPricedLines, pricedLineSchema } from './priced-lines';
import { timestampSchema } from './time';

/**
 * Whose cart it is: a registered customer's, or, while an unknown caller is on the line, the
 * call's (it moves to the customer when they are registered). Exactly one of the two.
 */
export const cartOwnerSchema = z.union([
  z.strictObject({ customerId: customerIdSchema }),
  z.strictObject({ callId: callIdSchema }),
]);
export type CartOwner = z.infer<typeof cartOwnerSchema>;

/** The one active cart of a customer (or call), shared live by the agent's desk and the shop. */
export const cartSchema = z
  .object({
    id: cartIdSchema,
    owner: cartOwnerSchema,
    lines: z.array(pricedLineSchema).max(100),
    total: nonNegativeMoneySchema,
    /** When the customer confirmed the cart's content to the agent; null while it is being built. */
    confirmedAt: timestampSchema.nullable(),
    /** Grows by one on every change: a receiver keeps the highest version it has seen. */
    version: z.number().int().nonnegative(),
  })
  .superRefine(checkPricedLines);
export type Cart = z.infer<typeof cartSchema>;
