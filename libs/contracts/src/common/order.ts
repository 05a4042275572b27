import { z } from 'zod';
import { callIdSchema } from '../envelope';
import { shippingAddressSchema } from './address';
import { customerIdSchema, orderIdSchema } from './ids';
import { nonNegativeMoneySchema } from './money';
import { checkPricedLines, pricedLineSchema } from './priced-lines';
import { timestampSchema } from './time';

/**
 * `placed → awaiting_payment → paid | cash_on_delivery → ready_to_ship → shipped`, or `cancelled`
 * before shipping.
 */
export const orderStateSchema = z.enum([
  'placed',
  'awaiting_payment',
  'paid',
  'cash_on_delivery',
  'ready_to_ship',
  'shipped',
  'cancelled',
]);
export type OrderState = z.infer<typeof orderStateSchema>;

/** Who pressed "place order": the agent during a call, or the customer on the website. */
export const placedBySchema = z.enum(['agent', 'customer']);

/** An order as placed: lines with their price snapshot, where it goes, and its payment window. */
export const orderSchema = z
  .object({
    id: orderIdSchema,
    customerId: customerIdSchema,
    lines: z.array(pricedLineSchema).min(1).max(100),
    total: nonNegativeMoneySchema,
    shippingAddress: shippingAddressSchema,
    state: orderStateSchema,
    placedAt: timestampSchema,
    /** The end of the payment window: unpaid by then, the order ships cash on delivery. */
    paymentDueAt: timestampSchema,
    placedBy: placedBySchema,
    /** The call during which the agent placed it. */
    callId: callIdSchema.optional(),
    /**
     * How the order was settled, once it is: paid from the wallet, or cash on delivery with the
     * amount the courier collects. Absent while it awaits payment (and on orders from before).
     */
    settlement: z
      .object({
        method: z.enum(['wallet', 'cash-on-delivery']),
        settledAt: timestampSchema,
        amountToCollect: nonNegativeMoneySchema,
      })
      .optional(),
  })
  .superRefine(checkPricedLines);
export type Order = z.infer<typeof orderSchema>;

/** A past order as the agent sees it at a glance. */
export const orderSummarySchema = z.object({
  orderId: orderIdSchema,
  placedAt: timestampSchema,
  total: nonNegativeMoneySchema,
  state: orderStateSchema,
});
export type OrderSummary = z.infer<typeof orderSummarySchema>;
