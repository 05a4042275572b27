import { z } from 'zod';
import { defineRequest, ReplyOf } from '../contract';
import { customerIdSchema } from '../common/ids';
import { e164Schema, rawPhoneNumberSchema } from '../common/phone';
import { timestampSchema } from '../common/time';
import { requestedFromSchema } from './sign-in-request-code.v1';

/**
 * Check a one-time code. A right code within its five minutes signs the customer in (a number
 * not yet registered is registered, `how: web`); the gateway turns the reply into a session.
 */
export const signInVerifyCodeV1 = defineRequest({
  subject: 'orders.sign-in.verify-code.v1',
  request: z.object({
    phone: rawPhoneNumberSchema.min(1),
    code: z.string().regex(/^[0-9]{6}$/, 'six digits'),
    /** The client address the gateway saw: codes, and wrong tries, are per number and address (decision 0075). */
    requestedFrom: requestedFromSchema.optional(),
  }),
  success: z.object({
    customer: z.object({ customerId: customerIdSchema, phone: e164Schema }),
    newlyRegistered: z.boolean(),
    verifiedAt: timestampSchema,
  }),
  errorCodes: ['INVALID_PHONE', 'NO_CODE', 'INVALID_CODE', 'CODE_EXPIRED', 'TOO_MANY_ATTEMPTS'],
});
export type SignInVerifyCodeRequestV1 = z.infer<typeof signInVerifyCodeV1.request>;
export type SignInVerifyCodeReplyV1 = ReplyOf<typeof signInVerifyCodeV1>;
