import { z } from 'zod';
import { defineEvent } from '../contract';
import { callIdSchema } from '../envelope';
import { customerIdSchema } from '../common/ids';
import { e164Schema } from '../common/phone';
import { timestampSchema } from '../common/time';
import { ORDERS_STREAM } from '../streams';

/** How a customer came to be registered. */
export const registrationHowSchema = z.enum(['call-threshold', 'agent', 'web']);
export type RegistrationHow = z.infer<typeof registrationHowSchema>;

/**
 * A caller became a customer, with their phone number as username: the call lasted past the
 * threshold, the agent registered them, or they signed up on the website.
 */
export const customerRegisteredV1 = defineEvent({
  subject: 'orders.customer.registered.v1',
  stream: ORDERS_STREAM,
  schema: z.object({
    customerId: customerIdSchema,
    phone: e164Schema,
    how: registrationHowSchema,
    /** The call during which they were registered; its cart now belongs to them. */
    callId: callIdSchema.optional(),
    registeredAt: timestampSchema,
  }),
});
export type CustomerRegisteredV1 = z.infer<typeof customerRegisteredV1.schema>;
