import { z } from 'zod';
import { defineRequest, ReplyOf } from '../contract';
import { customerIdSchema } from '../common/ids';
import { rawPhoneNumberSchema } from '../common/phone';
import { timestampSchema } from '../common/time';
import { registrationHowSchema } from './customer-registered.v1';
import { returningCallerSchema } from './caller-identified.v1';

/** A customer's profile by id or by phone number: what the agent's screen and the shop show. */
export const customerGetV1 = defineRequest({
  subject: 'orders.customer.get.v1',
  request: z.union([z.strictObject({ customerId: customerIdSchema }), z.strictObject({ phone: rawPhoneNumberSchema.min(1) })]),
  success: z.object({
    customer: returningCallerSchema.shape.customer.extend({ registeredAt: timestampSchema, how: registrationHowSchema }),
  }),
  errorCodes: ['CUSTOMER_NOT_FOUND', 'INVALID_PHONE'],
});
export type CustomerGetReplyV1 = ReplyOf<typeof customerGetV1>;
