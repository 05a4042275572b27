import type { EntityManager } from 'typeorm';
import type { Actor, Order, OrderState, OrderStateChange, OrderSummary, Payment, ShippingAddress } from '@callcart/contracts';
import { type LineRow, toPricedLine } from '../shared/priced-line';
import { rows, toAmount, toIso } from '../shared/transaction';

export interface OrderRow {
  readonly id: string;
  readonly customer_id: string;
  readonly idempotency_key: string;
  readonly state: OrderState;
  readonly total_minor: string;
  readonly currency: string;
  readonly shipping_address: ShippingAddress;
  readonly placed_by: 'agent' | 'customer';
  readonly call_id: string | null;
  readonly placed_at: Date;
  readonly payment_due_at: Date;
}

const COLUMNS = `"id", "customer_id", "idempotency_key", "state", "total_minor", "currency", "shipping_address", "placed_by", "call_id", "placed_at", "payment_due_at"`;

/** An order row, locked for the caller's transaction (payments, expiry and cancel serialise on it). */
export async function lockOrder(manager: EntityManager, orderId: string): Promise<OrderRow | undefined> {
  return (await rows<OrderRow>(manager, `SELECT ${COLUMNS} FROM @.customer_order WHERE "id" = $1 FOR UPDATE`, [orderId]))[0];
}

export async function orderByIdempotencyKey(manager: EntityManager, customerId: string, key: string): Promise<OrderRow | undefined> {
  return (
    await rows<OrderRow>(manager, `SELECT ${COLUMNS} FROM @.customer_order WHERE "customer_id" = $1 AND "idempotency_key" = $2`, [customerId, key])
  )[0];
}

/** The order as the wire carries it, lines with their price snapshot. */
export async function toOrder(manager: EntityManager, order: OrderRow): Promise<Order> {
  const lines = await rows<LineRow>(
    manager,
    `SELECT "product_id", "sku", "name", "unit_price_minor", "quantity" FROM @.order_line WHERE "order_id" = $1 ORDER BY "position"`,
    [order.id],
  );
  const [payment] = await rows<{ method: Payment['method']; amount_minor: string; settled_at: Date }>(
    manager,
    `SELECT "method", "amount_minor", "settled_at" FROM @.payment WHERE "order_id" = $1`,
    [order.id],
  );
  return {
    id: order.id,
    customerId: order.customer_id,
    lines: lines.map((line) => toPricedLine(line, order.currency)),
    total: { amountMinor: toAmount(order.total_minor), currency: order.currency },
    shippingAddress: order.shipping_address,
    state: order.state,
    placedAt: toIso(order.placed_at),
    paymentDueAt: toIso(order.payment_due_at),
    placedBy: order.placed_by,
    ...(order.call_id ? { callId: order.call_id } : {}),
    ...(payment
      ? {
          settlement: {
            method: payment.method,
            settledAt: toIso(payment.settled_at),
            amountToCollect: { amountMinor: payment.method === 'cash-on-delivery' ? toAmount(payment.amount_minor) : 0, currency: order.currency },
          },
        }
      : {}),
  };
}

export async function ordersOfCustomer(manager: EntityManager, customerId: string, limit: number, before?: string): Promise<OrderRow[]> {
  return rows<OrderRow>(
    manager,
    `SELECT ${COLUMNS} FROM @.customer_order WHERE "customer_id" = $1 AND ($2::timestamptz IS NULL OR "placed_at" < $2)
     ORDER BY "placed_at" DESC LIMIT $3`,
    [customerId, before ?? null, limit],
  );
}

/** The last orders at a glance, newest first. */
export async function orderSummaries(manager: EntityManager, customerId: string, limit: number): Promise<OrderSummary[]> {
  return (await ordersOfCustomer(manager, customerId, limit)).map((order) => ({
    orderId: order.id,
    placedAt: toIso(order.placed_at),
    total: { amountMinor: toAmount(order.total_minor), currency: order.currency },
    state: order.state,
  }));
}

export async function paymentOf(manager: EntityManager, orderId: string): Promise<Payment | null> {
  const [payment] = await rows<{ customer_id: string; method: Payment['method']; amount_minor: string; currency: string; settled_at: Date }>(
    manager,
    `SELECT "customer_id", "method", "amount_minor", "currency", "settled_at" FROM @.payment WHERE "order_id" = $1`,
    [orderId],
  );
  if (!payment) return null;
  return {
    orderId,
    customerId: payment.customer_id,
    method: payment.method,
    amount: { amountMinor: toAmount(payment.amount_minor), currency: payment.currency },
    settledAt: toIso(payment.settled_at),
  };
}

/**
 * Whether the customer's active cart now holds something other than what an order was placed
 * with: an empty cart (the usual state right after placing) or the same lines is a plain retry.
 */
export async function cartDiffersFromOrder(manager: EntityManager, customerId: string, orderId: string): Promise<boolean> {
  const [row] = await rows<{ differs: boolean }>(
    manager,
    `WITH cart_now AS (
       SELECT l."product_id", l."quantity" FROM @.cart_line l JOIN @.cart c ON c."id" = l."cart_id"
       WHERE c."customer_id" = $1 AND c."status" = 'active'),
     ordered AS (SELECT "product_id", "quantity" FROM @.order_line WHERE "order_id" = $2)
     SELECT EXISTS (SELECT 1 FROM cart_now) AND (EXISTS (SELECT * FROM cart_now EXCEPT SELECT * FROM ordered)
       OR EXISTS (SELECT * FROM ordered EXCEPT SELECT * FROM cart_now)) AS differs`,
    [customerId, orderId],
  );
  return row.differs;
}

/** The order's history as the order process wrote it, oldest first. */
export async function orderHistory(manager: EntityManager, orderId: string): Promise<OrderStateChange[]> {
  const changes = await rows<{ from_state: OrderState | null; to_state: OrderState; reason: string; actor: Actor | null; changed_at: Date }>(
    manager,
    `SELECT "from_state", "to_state", "reason", "actor", "changed_at" FROM @.order_state_change WHERE "order_id" = $1 ORDER BY "seq" LIMIT 50`,
    [orderId],
  );
  return changes.map((change) => ({
    from: change.from_state,
    to: change.to_state,
    reason: change.reason,
    ...(change.actor ? { actor: change.actor } : {}),
    at: toIso(change.changed_at),
  }));
}
