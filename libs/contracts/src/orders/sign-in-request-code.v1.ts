import { z } from 'zod';
import { defineRequest, ReplyOf } from '../contract';
import { e164Schema, rawPhoneNumberSchema } from '../common/phone';
import { timestampSchema } from '../common/time';

/** A client address as the gateway saw it (IPv4, IPv6, or a proxy's name for it). */
export const requestedFromSchema = z.string().max(100).regex(/^[^\u0000]*$/, 'no NUL');

/**
 * Send a one-time sign-in code to a phone number (the website's login: phone number + code).
 * Sends are rate-limited per number; the code is never in the reply.
 */
export const signInRequestCodeV1 = defineRequest({
  subject: 'orders.sign-in.request-code.v1',
  request: z.object({
    phone: rawPhoneNumberSchema.min(1),
    /** The client address the gateway saw: codes, and wrong tries, are per number and address (decision 0075). */
    requestedFrom: requestedFromSchema.optional(),
  }),
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
