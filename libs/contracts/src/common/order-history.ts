import { z } from 'zod';
import { actorSchema } from './actor';
import { orderStateSchema } from './order';
import { timestampSchema } from './time';

/**
 * One step of an order's life, as the order process wrote it: from which state to which, why,
 * who asked (absent for the system: the payment window, the shipment being prepared), and when.
 * The first step has no `from` (the order was placed).
 */
export const orderStateChangeSchema = z.object({
  from: orderStateSchema.nullable(),
  to: orderStateSchema,
  reason: z.string().max(600),
  actor: actorSchema.optional(),
  at: timestampSchema,
});
export type OrderStateChange = z.infer<typeof orderStateChangeSchema>;
