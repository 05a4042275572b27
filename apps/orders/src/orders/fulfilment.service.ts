import { Injectable } from '@nestjs/common';
import { orderBrowseV1, orderShippedV1, orderShipV1, type PaymentMethod, type ReplyOf, type RequestOf } from '@callcart/contracts';
import { requestFailure } from '@callcart/messaging';
import { auditStaffAction } from '../audit/staff-audit';
import { enqueueEvent } from '../outbox/outbox';
import { rows, toAmount, toIso, Transactions } from '../shared/transaction';
import { canTransition, OrderStates } from './order-process';
import { lockOrder, type OrderRow, toOrder } from './order-records';
import { transition } from './order-transition';

const ORDER_COLUMNS = `o."id", o."customer_id", o."idempotency_key", o."state", o."total_minor", o."currency", o."shipping_address", o."placed_by", o."call_id", o."placed_at", o."payment_due_at"`;

/** The warehouse's side of orders: every order by state, and handing a ready one to the courier. */
@Injectable()
export class FulfilmentService {
  constructor(private readonly transactions: Transactions) {}

  /**
   * Ships a ready-to-ship order through the order process, stamps its shipment and announces
   * `order shipped`. An order already shipped answers as it is (a retried click ships once).
   */
  async ship(request: RequestOf<typeof orderShipV1>): Promise<ReplyOf<typeof orderShipV1>> {
    return this.transactions.decide(async (manager) => {
      const order = await lockOrder(manager, request.orderId);
      if (!order) return requestFailure('ORDER_NOT_FOUND', 'no such order');
      if (order.state === OrderStates.shipped) {
        const [shipment] = await rows<{ shipped_at: Date }>(manager, `SELECT "shipped_at" FROM @.shipment WHERE "order_id" = $1`, [order.id]);
        return { ok: true, order: await toOrder(manager, order), shippedAt: toIso(shipment.shipped_at) };
      }
      if (!canTransition(order.state, OrderStates.shipped)) {
        return requestFailure('NOT_READY_TO_SHIP', `the order is ${order.state.replaceAll('_', ' ')}; only a ready-to-ship order ships`);
      }
      await transition(manager, order, OrderStates.shipped, 'shipped', request.actor);
      const [shipment] = await rows<{ id: string; payment_method: PaymentMethod; amount_to_collect_minor: string; currency: string; shipped_at: Date }>(
        manager,
        `UPDATE @.shipment SET "shipped_at" = now(), "shipped_by" = $2 WHERE "order_id" = $1
         RETURNING "id", "payment_method", "amount_to_collect_minor", "currency", "shipped_at"`,
        [order.id, request.actor?.kind === 'staff' ? request.actor.staffId : null],
      );
      const shippedAt = toIso(shipment.shipped_at);
      await enqueueEvent(
        manager,
        orderShippedV1,
        {
          orderId: order.id,
          customerId: order.customer_id,
          shipmentId: shipment.id,
          paymentMethod: shipment.payment_method,
          amountToCollect: { amountMinor: toAmount(shipment.amount_to_collect_minor), currency: shipment.currency },
          shippedAt,
          ...(request.actor ? { shippedBy: request.actor } : {}),
        },
        { correlationId: order.id, callId: order.call_id ?? undefined },
      );
      await auditStaffAction(manager, request.actor, 'order.ship', { customerId: order.customer_id, details: { orderId: order.id } });
      return { ok: true, order: await toOrder(manager, { ...order, state: OrderStates.shipped }), shippedAt };
    });
  }

  /** Orders in one state (optionally settled one way), newest first, with every state's counts. */
  async browse(request: RequestOf<typeof orderBrowseV1>): Promise<ReplyOf<typeof orderBrowseV1>> {
    return this.transactions.run(async (manager) => {
      const filter = `o."state" = $1 AND ($2::text IS NULL OR p."method" = $2)`;
      const params = [request.state, request.paymentMethod ?? null];
      const found = await rows<OrderRow & { phone: string; name: string | null }>(
        manager,
        `SELECT ${ORDER_COLUMNS}, c."phone", c."name" FROM @.customer_order o
         JOIN @.customer c ON c."id" = o."customer_id" LEFT JOIN @.payment p ON p."order_id" = o."id"
         WHERE ${filter} ORDER BY o."placed_at" DESC, o."id" LIMIT $3 OFFSET $4`,
        [...params, request.limit, request.offset ?? 0],
      );
      const [{ total }] = await rows<{ total: number }>(
        manager,
        `SELECT count(*)::int AS total FROM @.customer_order o LEFT JOIN @.payment p ON p."order_id" = o."id" WHERE ${filter}`,
        params,
      );
      const counts = await rows<{ state: OrderRow['state']; payment_method: PaymentMethod | null; count: number }>(
        manager,
        `SELECT o."state", p."method" AS "payment_method", count(*)::int AS "count" FROM @.customer_order o
         LEFT JOIN @.payment p ON p."order_id" = o."id" GROUP BY 1, 2 ORDER BY 1, 2`,
      );
      return {
        ok: true as const,
        orders: await Promise.all(found.map(async (row) => ({ order: await toOrder(manager, row), customer: { phone: row.phone, name: row.name } }))),
        total,
        counts: counts.map((row) => ({ state: row.state, paymentMethod: row.payment_method, count: row.count })),
      };
    });
  }
}
