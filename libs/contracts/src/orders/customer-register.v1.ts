import { z } from 'zod';
import { actorSchema } from '../common/actor';
import { defineRequest, ReplyOf } from '../contract';
import { callIdSchema } from '../envelope';
import { customerIdSchema } from '../common/ids';
import { e164Schema, rawPhoneNumberSchema } from '../common/phone';
import { timestampSchema } from '../common/time';
import { registrationHowSchema } from './customer-registered.v1';

/**
 * Register a phone number as a customer (the agent's button, the website's sign-up, or the
 * call-length timer). The number is normalised to E.164 by the orders service.
 */
export const customerRegisterV1 = defineRequest({
  subject: 'orders.customer.register.v1',
  request: z.object({
    phone: rawPhoneNumberSchema.min(1),
    how: registrationHowSchema,
    /** The call whose cart should move to the new customer. */
    callId: callIdSchema.optional(),
    /** Who asks: audited when staff, checked against the owner when a customer. */
    actor: actorSchema.optional(),
  }),
  success: z.object({
    customer: z.object({ customerId: customerIdSchema, phone: e164Schema, registeredAt: timestampSchema }),
  }),
  errorCodes: ['INVALID_PHONE', 'ALREADY_REGISTERED', 'CALL_NOT_FOUND'],
});
export type CustomerRegisterRequestV1 = z.infer<typeof customerRegisterV1.request>;
export type CustomerRegisterReplyV1 = ReplyOf<typeof customerRegisterV1>;
