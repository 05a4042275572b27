import type { EntityManager } from 'typeorm';
import type { Actor, OrderState } from '@callcart/contracts';
import { rows } from '../shared/transaction';
import { OrderTransitionRefused, refuseUnlessAllowed } from './order-process';

/** Why an order changed state, in words the admin's order history shows. */
export type TransitionReason =
  | 'placed'
  | 'payment window opened'
  | 'paid from the wallet'
  | 'payment window expired'
  | 'shipment prepared'
  | 'shipped'
  | `cancelled: ${string}`;

/**
 * Moves an order from the state the caller read (under the order's row lock) to `to`, in the
 * caller's transaction, and writes the step to the order's history. The only place an order's
 * state is written after it is created.
 */
export async function transition(
  manager: EntityManager,
  order: { readonly id: string; readonly state: OrderState },
  to: OrderState,
  reason: TransitionReason,
  actor?: Actor,
): Promise<{ id: string; state: OrderState }> {
  refuseUnlessAllowed(order.id, order.state, to);
  const moved = await rows(manager, `UPDATE @.customer_order SET "state" = $3 WHERE "id" = $1 AND "state" = $2 RETURNING 1`, [order.id, order.state, to]);
  if (moved.length !== 1) throw new OrderTransitionRefused(order.id, order.state, to, `the order is no longer ${order.state.replaceAll('_', ' ')}`);
  await recordStateChange(manager, order.id, order.state, to, reason, actor);
  return { id: order.id, state: to };
}

/** The first line of a new order's history (it was inserted as `placed`). */
export async function recordPlaced(manager: EntityManager, orderId: string, actor?: Actor): Promise<void> {
  await recordStateChange(manager, orderId, null, 'placed', 'placed', actor);
}

async function recordStateChange(manager: EntityManager, orderId: string, from: OrderState | null, to: OrderState, reason: TransitionReason, actor?: Actor): Promise<void> {
  await rows(manager, `INSERT INTO @.order_state_change ("order_id", "from_state", "to_state", "reason", "actor") VALUES ($1, $2, $3, $4, $5)`, [
    orderId,
    from,
    to,
    reason,
    actor ? JSON.stringify(actor) : null,
  ]);
}
