import { z } from 'zod';
import { defineRequest, ReplyOf } from '../contract';
import { e164Schema, rawPhoneNumberSchema } from '../common/phone';
import { timestampSchema } from '../common/time';

/**
 * Send a one-time sign-in code to a phone number (the website's login: phone number + code).
 * Sends are rate-limited per number; the code is never in the reply.
 */
export const signInRequestCodeV1 = defineRequest({
  subject: 'orders.sign-in.request-code.v1',
  request: z.object({ phone: rawPhoneNumberSchema.min(1) }),
  success: z.object({
    phone: e164Schema,
    expiresAt: timestampSchema,
    /** The earliest moment another code may be requested for this number. */
    resendAfter: timestampSchema,
  }),
  /** SMS_NOT_SENT: the provider did not take the message (nothing was stored; ask again). */
  errorCodes: ['INVALID_PHONE', 'RATE_LIMITED', 'SMS_NOT_SENT'],
});
export type SignInRequestCodeRequestV1 = z.infer<typeof signInRequestCodeV1.request>;
export type SignInRequestCodeReplyV1 = ReplyOf<typeof signInRequestCodeV1>;
