import type { PricedLine } from '@callcart/contracts';
import { toAmount } from './transaction';

/** A cart or order line row: the product and the price it had when it was added. */
export interface LineRow {
  readonly product_id: string;
  readonly sku: string;
  readonly name: string;
  readonly unit_price_minor: string;
  readonly quantity: number;
}

/** The line as the wire carries it, with its total computed from the snapshot price. */
export function toPricedLine(line: LineRow, currency: string): PricedLine {
  const unit = toAmount(line.unit_price_minor);
  return {
    productId: line.product_id,
    sku: line.sku,
    name: line.name,
    unitPrice: { amountMinor: unit, currency },
    quantity: line.quantity,
    lineTotal: { amountMinor: unit * line.quantity, currency },
  };
}
