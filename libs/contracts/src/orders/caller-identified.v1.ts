import { z } from 'zod';
import { defineCallEvent } from '../contract';
import { callIdSchema } from '../envelope';
import { shippingAddressSchema } from '../common/address';
import { cartSchema } from '../common/cart';
import { customerIdSchema } from '../common/ids';
import { nonNegativeMoneySchema } from '../common/money';
import { orderSummarySchema } from '../common/order';
import { e164Schema, rawPhoneNumberSchema } from '../common/phone';
import { timestampSchema } from '../common/time';
import { ORDERS_STREAM } from '../streams';

/** A known customer is calling: the agent's screen pops their profile. */
export const returningCallerSchema = z.object({
  status: z.literal('returning'),
  callId: callIdSchema,
  customer: z.object({
    customerId: customerIdSchema,
    phone: e164Schema,
    name: z.string().min(1).max(100).nullable(),
    defaultAddress: shippingAddressSchema.nullable(),
    walletBalance: nonNegativeMoneySchema,
    /** Newest first, at most three. */
    recentOrders: z.array(orderSummarySchema).max(3),
    /** The cart they were building, on the phone or on the website. */
    openCart: cartSchema.nullable(),
  }),
});

/**
 * A number we have not seen: the agent sees a registration countdown; if the call is still going
 * at `registrationDueAt` (the call-length threshold, default 5 minutes) the caller is registered.
 */
export const newCallerSchema = z.object({
  status: z.literal('new'),
  callId: callIdSchema,
  phone: e164Schema,
  registrationDueAt: timestampSchema,
});

/** No usable number: the agent can take the order but must register the customer by hand. */
export const unidentifiedCallerSchema = z.object({
  status: z.literal('unidentified'),
  callId: callIdSchema,
  reason: z.enum(['withheld', 'invalid', 'unsupported']),
  /** The number exactly as the telephony provider gave it. */
  callerNumber: rawPhoneNumberSchema,
});

/** Who is on the line, worked out from the caller's number when the call starts. */
export const callerIdentifiedV1 = defineCallEvent({
  subject: 'orders.caller.identified.v1',
  stream: ORDERS_STREAM,
  schema: z.discriminatedUnion('status', [returningCallerSchema, newCallerSchema, unidentifiedCallerSchema]),
});
export type CallerIdentifiedV1 = z.infer<typeof callerIdentifiedV1.schema>;
export type ReturningCallerV1 = z.infer<typeof returningCallerSchema>;
export type NewCallerV1 = z.infer<typeof newCallerSchema>;
export type UnidentifiedCallerV1 = z.infer<typeof unidentifiedCallerSchema>;
