import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  orderCancelledV1,
  orderCancelV1,
  orderGetV1,
  orderListV1,
  orderPlacedV1,
  orderPlaceV1,
  type ReplyOf,
  type RequestOf,
} from '@callcart/contracts';
import { requestFailure } from '@callcart/messaging';
import { auditStaffAction } from '../audit/staff-audit';
import { cartChanged, cartLines, lockActiveCart } from '../carts/cart-records';
import { ORDERS_CONFIG, type OrdersConfig } from '../orders.config';
import { enqueueEvent } from '../outbox/outbox';
import { applyLedgerChange } from '../payments/wallet-ledger';
import { keyReused, requestFingerprint, sameRequest } from '../shared/request-fingerprint';
import { rows, toAmount, Transactions } from '../shared/transaction';
import { CANCELLABLE_STATES, OrderStates } from './order-process';
import { cartDiffersFromOrder, lockOrder, orderByIdempotencyKey, orderHistory, ordersOfCustomer, paymentOf, toOrder } from './order-records';
import { recordPlaced, transition } from './order-transition';

/** Placing orders from the customer's cart, cancelling them, and reading them back. */
@Injectable()
export class OrdersService {
  constructor(
    private readonly transactions: Transactions,
    @Inject(ORDERS_CONFIG) private readonly config: OrdersConfig,
  ) {}

  /**
   * Turns the customer's cart into an order with a price snapshot, shipped to their default
   * address, and opens the payment window. The same idempotency key returns the same order, as
   * long as it asks for the same thing: another request, or a cart that has since been filled
   * with something else, is refused as a reused key (decision 0076).
   */
  async place(request: RequestOf<typeof orderPlaceV1>): Promise<ReplyOf<typeof orderPlaceV1>> {
    return this.transactions.decide(async (manager) => {
      if (request.actor?.kind === 'customer' && request.actor.customerId !== request.customerId) {
        return requestFailure('CUSTOMER_NOT_FOUND', 'no such customer');
      }
      const [customer] = await rows<{ id: string; default_address: unknown }>(
        manager,
        `SELECT "id", "default_address" FROM @.customer WHERE "id" = $1 FOR UPDATE`,
        [request.customerId],
      );
      if (!customer) return requestFailure('CUSTOMER_NOT_FOUND', 'no such customer');
      const earlier = await orderByIdempotencyKey(manager, request.customerId, request.idempotencyKey);
      if (earlier) {
        const [stored] = await rows<{ request_hash: string | null }>(manager, `SELECT "request_hash" FROM @.customer_order WHERE "id" = $1`, [earlier.id]);
        if (!sameRequest(stored.request_hash, request)) return keyReused('order');
        if (await cartDiffersFromOrder(manager, customer.id, earlier.id)) return keyReused('order: the cart has changed since it was placed');
        return { ok: true, order: await toOrder(manager, earlier) };
      }
      if (!customer.default_address) return requestFailure('ADDRESS_REQUIRED', 'a shipping address is needed before the order can be placed');
      const cart = await lockActiveCart(manager, { customerId: customer.id });
      const lines = await cartLines(manager, cart.id);
      if (lines.length === 0) return requestFailure('CART_EMPTY', 'the cart is empty');
      const orderId = randomUUID();
      const total = lines.reduce((sum, line) => sum + toAmount(line.unit_price_minor) * line.quantity, 0);
      await rows(
        manager,
        `INSERT INTO @.customer_order ("id", "customer_id", "idempotency_key", "state", "total_minor", "currency", "shipping_address", "placed_by", "call_id", "placed_at", "payment_due_at", "request_hash")
         VALUES ($1, $2, $3, $11, $4, $5, $6, $7, $8, now(), now() + make_interval(secs => $9::double precision / 1000), $10)`,
        [
          orderId,
          customer.id,
          request.idempotencyKey,
          total,
          lines[0].currency,
          JSON.stringify(customer.default_address),
          request.placedBy,
          request.callId ?? null,
          this.config.paymentWindowMs,
          requestFingerprint(request),
          OrderStates.placed,
        ],
      );
      await recordPlaced(manager, orderId, request.actor);
      await transition(manager, { id: orderId, state: OrderStates.placed }, OrderStates.awaitingPayment, 'payment window opened');
      await rows(
        manager,
        `INSERT INTO @.order_line ("order_id", "position", "product_id", "sku", "name", "unit_price_minor", "quantity")
         SELECT $1, row_number() OVER (ORDER BY "added_at", "product_id"), "product_id", "sku", "name", "unit_price_minor", "quantity"
         FROM @.cart_line WHERE "cart_id" = $2`,
        [orderId, cart.id],
      );
      await rows(manager, `UPDATE @.cart SET "status" = 'ordered', "updated_at" = now() WHERE "id" = $1`, [cart.id]);
      const order = await toOrder(manager, (await lockOrder(manager, orderId))!);
      await enqueueEvent(manager, orderPlacedV1, { order }, { correlationId: orderId, callId: request.callId });
      // The customer starts over with an empty cart, and both screens see it.
      const fresh = await lockActiveCart(manager, { customerId: customer.id });
      await cartChanged(manager, fresh.id, this.config.currency);
      await auditStaffAction(manager, request.actor, 'order.place', { customerId: customer.id, callId: request.callId, details: { orderId } });
      return { ok: true, order };
    });
  }

  /** Cancels an order that has not shipped; what was paid from the wallet goes back to it. */
  async cancel(request: RequestOf<typeof orderCancelV1>): Promise<ReplyOf<typeof orderCancelV1>> {
    return this.transactions.decide(async (manager) => {
      const order = await lockOrder(manager, request.orderId);
      if (!order || (request.actor?.kind === 'customer' && request.actor.customerId !== order.customer_id)) {
        return requestFailure('ORDER_NOT_FOUND', 'no such order');
      }
      if (!CANCELLABLE_STATES.has(order.state)) return requestFailure('NOT_CANCELLABLE', `the order is ${order.state}; it can no longer be cancelled`);
      const payment = await paymentOf(manager, order.id);
      const refund =
        payment?.method === 'wallet'
          ? await applyLedgerChange(manager, order.customer_id, { kind: 'refund', amountMinor: payment.amount.amountMinor, orderId: order.id })
          : undefined;
      await transition(manager, order, OrderStates.cancelled, `cancelled: ${request.reason}`, request.actor);
      await rows(manager, `UPDATE @.customer_order SET "cancelled_at" = now(), "cancel_reason" = $2 WHERE "id" = $1`, [order.id, request.reason]);
      await rows(manager, `UPDATE @.shipment SET "cancelled_at" = now() WHERE "order_id" = $1`, [order.id]);
      const cancelled = await toOrder(manager, { ...order, state: OrderStates.cancelled });
      await enqueueEvent(
        manager,
        orderCancelledV1,
        {
          orderId: order.id,
          customerId: order.customer_id,
          reason: request.reason,
          refunded: refund && refund.kind === 'refund' ? refund.amount : null,
          cancelledAt: new Date().toISOString(),
        },
        { correlationId: order.id },
      );
      await auditStaffAction(manager, request.actor, 'order.cancel', { customerId: order.customer_id, details: { orderId: order.id, reason: request.reason } });
      return { ok: true, order: cancelled };
    });
  }

  async get(request: RequestOf<typeof orderGetV1>): Promise<ReplyOf<typeof orderGetV1>> {
    return this.transactions.decide(async (manager) => {
      const [order] = await rows<Parameters<typeof toOrder>[1]>(manager, `SELECT * FROM @.customer_order WHERE "id" = $1`, [request.orderId]);
      if (!order || (request.customerId && order.customer_id !== request.customerId)) return requestFailure('ORDER_NOT_FOUND', 'no such order');
      return { ok: true, order: await toOrder(manager, order), payment: await paymentOf(manager, order.id), history: await orderHistory(manager, order.id) };
    });
  }

  async list(request: RequestOf<typeof orderListV1>): Promise<ReplyOf<typeof orderListV1>> {
    return this.transactions.decide(async (manager) => {
      const [customer] = await rows(manager, `SELECT 1 FROM @.customer WHERE "id" = $1`, [request.customerId]);
      if (!customer) return requestFailure('CUSTOMER_NOT_FOUND', 'no such customer');
      const found = await ordersOfCustomer(manager, request.customerId, request.limit, request.before);
      return { ok: true, orders: await Promise.all(found.map((order) => toOrder(manager, order))) };
    });
  }
}
