import { z } from 'zod';
import { productIdSchema, skuSchema } from './ids';
import { Money, nonNegativeMoneySchema } from './money';

/** How many of one product a line may hold: at least one, at most 99 (a phone order, not a pallet). */
export const lineQuantitySchema = z.number().int().min(1).max(99);

/**
 * One product in a cart or an order with the price it had when it was added: later catalogue
 * price changes never alter a line already in a cart or an order.
 */
export const pricedLineSchema = z.object({
  productId: productIdSchema,
  sku: skuSchema,
  name: z.string().min(1).max(200),
  unitPrice: nonNegativeMoneySchema,
  quantity: lineQuantitySchema,
  /** `unitPrice × quantity`, checked. */
  lineTotal: nonNegativeMoneySchema,
});
export type PricedLine = z.infer<typeof pricedLineSchema>;

/**
 * Checks what both ends of the wire must agree on for priced lines: one line per product, one
 * currency throughout, each line total is its unit price times its quantity and the total is the
 * sum of the lines. Used as a refinement of carts and orders.
 */
export function checkPricedLines(
  value: { readonly lines: readonly PricedLine[]; readonly total: Money },
  ctx: z.RefinementCtx,
): void {
  const seen = new Set<string>();
  let sum = 0;
  value.lines.forEach((line, index) => {
    if (seen.has(line.productId)) {
      ctx.addIssue({ code: 'custom', path: ['lines', index, 'productId'], message: 'one line per product' });
    }
    seen.add(line.productId);
    const { currency } = value.total;
    if (line.unitPrice.currency !== currency || line.lineTotal.currency !== currency) {
      ctx.addIssue({ code: 'custom', path: ['lines', index], message: 'a line in another currency' });
    }
    if (line.lineTotal.amountMinor !== line.unitPrice.amountMinor * line.quantity) {
      const message = 'lineTotal is not unitPrice × quantity';
      ctx.addIssue({ code: 'custom', path: ['lines', index, 'lineTotal'], message });
    }
    sum += line.lineTotal.amountMinor;
  });
  if (sum !== value.total.amountMinor) {
    ctx.addIssue({ code: 'custom', path: ['total'], message: 'total is not the sum of the line totals' });
  }
}
