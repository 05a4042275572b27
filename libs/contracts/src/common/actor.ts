import { z } from 'zod';
import { callIdSchema } from '../envelope';
import { customerIdSchema, staffIdSchema } from './ids';

/**
 * Who asks for a change: a staff member (the agent on a call, an admin), the customer signed in
 * on the website, or the system itself. Staff actions on a customer's account are audited with
 * the staff id and the call; a customer may only act on their own cart, orders and wallet.
 */
export const actorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('staff'), staffId: staffIdSchema, callId: callIdSchema.optional() }),
  z.object({ kind: z.literal('customer'), customerId: customerIdSchema }),
]);
export type Actor = z.infer<typeof actorSchema>;
