import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { paymentSettledV1, shipmentReadyV1, type Actor, type Payment, type PaymentMethod } from '@callcart/contracts';
import { OrderStates } from '../orders/order-process';
import { type OrderRow, toOrder } from '../orders/order-records';
import { transition } from '../orders/order-transition';
import { enqueueEvent } from '../outbox/outbox';
import { rows, toAmount, toIso } from '../shared/transaction';

/**
 * Settles an order that awaits payment, once: records the payment (the order id is its key, so a
 * second settlement cannot be written), moves the order on to ready to ship with a shipment that
 * keeps the address snapshot, and announces `payment settled` then `ready to ship`. The caller
 * holds the order's row lock and has checked it awaits payment.
 */
export async function settleOrder(
  manager: EntityManager,
  order: OrderRow,
  method: PaymentMethod,
  idempotencyKey: string | null,
  actor?: Actor,
): Promise<Payment> {
  const amount = { amountMinor: toAmount(order.total_minor), currency: order.currency };
  const [{ now }] = await rows<{ now: Date }>(manager, `SELECT now() AS now`);
  await rows(
    manager,
    `INSERT INTO @.payment ("order_id", "customer_id", "method", "amount_minor", "currency", "idempotency_key", "settled_at")
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [order.id, order.customer_id, method, amount.amountMinor, amount.currency, idempotencyKey, now],
  );
  const settled = await transition(
    manager,
    order,
    method === 'wallet' ? OrderStates.paid : OrderStates.cashOnDelivery,
    method === 'wallet' ? 'paid from the wallet' : 'payment window expired',
    actor,
  );
  const shipmentId = randomUUID();
  const amountToCollect = method === 'cash-on-delivery' ? amount.amountMinor : 0;
  await rows(
    manager,
    `INSERT INTO @.shipment ("id", "order_id", "address", "payment_method", "amount_to_collect_minor", "currency", "ready_at")
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [shipmentId, order.id, JSON.stringify(order.shipping_address), method, amountToCollect, amount.currency, now],
  );
  // `paid` / `cash_on_delivery` are passed through within this transaction: with the shipment
  // written, the order rests at ready to ship (decision 0005).
  await transition(manager, settled, OrderStates.readyToShip, 'shipment prepared');
  const payment: Payment = { orderId: order.id, customerId: order.customer_id, method, amount, settledAt: toIso(now) };
  const correlation = { correlationId: order.id, callId: order.call_id ?? undefined };
  await enqueueEvent(manager, paymentSettledV1, payment, correlation);
  const placed = await toOrder(manager, { ...order, state: settled.state });
  await enqueueEvent(
    manager,
    shipmentReadyV1,
    {
      shipmentId,
      orderId: order.id,
      customerId: order.customer_id,
      lines: placed.lines,
      address: order.shipping_address,
      paymentMethod: method,
      amountToCollect: { amountMinor: amountToCollect, currency: amount.currency },
      readyAt: toIso(now),
    },
    correlation,
  );
  return payment;
}
