import { z } from 'zod';
import { defineRequest, ReplyOf } from '../contract';
import { customerIdSchema } from '../common/ids';
import { moneySchema } from '../common/money';
import { e164Schema } from '../common/phone';

/**
 * Staff find a customer the way they know them: by phone number, written any common way
 * (`+86 138 0013 8000`, `13800138000`, `0086-138…`), or by name (the customer's name or the
 * recipient of their address, any part of it). Staff act on the `customerId` of the one they pick.
 */
export const customerFindV1 = defineRequest({
  subject: 'orders.customer.find.v1',
  request: z.strictObject({
    query: z.string().trim().min(1).max(100),
    /** At most this many customers, most recently registered first; default 10. */
    limit: z.number().int().min(1).max(50).optional(),
  }),
  success: z.object({
    /** How the query was read: a phone number (then `phone` is its E.164 form) or a name. */
    matchedBy: z.enum(['phone', 'name']),
    phone: e164Schema.optional(),
    customers: z.array(
      z.object({
        customerId: customerIdSchema,
        phone: e164Schema,
        name: z.string().nullable(),
        /** The recipient named on the default address, which is often the only name known. */
        recipient: z.string().nullable(),
        city: z.string().nullable(),
        walletBalance: moneySchema,
      }),
    ),
  }),
  errorCodes: ['INVALID_PHONE'],
});
export type CustomerFindReplyV1 = ReplyOf<typeof customerFindV1>;
