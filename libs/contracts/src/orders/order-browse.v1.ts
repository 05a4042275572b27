import { z } from 'zod';
import { defineRequest, ReplyOf } from '../contract';
import { orderSchema, orderStateSchema } from '../common/order';
import { e164Schema } from '../common/phone';
import { paymentMethodSchema } from '../common/wallet';

/**
 * Staff's view of all orders by state, for fulfilment: newest first, a page at a time. With
 * `paymentMethod`, only orders settled that way (the ready-to-ship list split into paid and cash
 * on delivery, the amount to collect on each). `counts` gives every state's totals, so a
 * screen can label its tabs without asking once per state.
 */
export const orderBrowseV1 = defineRequest({
  subject: 'orders.order.browse.v1',
  request: z.strictObject({
    state: orderStateSchema,
    paymentMethod: paymentMethodSchema.optional(),
    limit: z.number().int().min(1).max(50),
    /** Orders to skip (the pages before); default 0. */
    offset: z.number().int().min(0).max(100_000).optional(),
  }),
  success: z.object({
    orders: z
      .array(
        z.object({
          order: orderSchema,
          customer: z.object({ phone: e164Schema, name: z.string().nullable() }),
        }),
      )
      .max(50),
    /** How many orders the list has in all (for the pages). */
    total: z.number().int().nonnegative(),
    /** Every order counted by state and, once settled, by how it was settled. */
    counts: z.array(z.object({ state: orderStateSchema, paymentMethod: paymentMethodSchema.nullable(), count: z.number().int().nonnegative() })).max(20),
  }),
});
export type OrderBrowseRequestV1 = z.input<typeof orderBrowseV1.request>;
export type OrderBrowseReplyV1 = ReplyOf<typeof orderBrowseV1>;
