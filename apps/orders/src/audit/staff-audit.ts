import type { EntityManager } from 'typeorm';
import type { Actor } from '@callcart/contracts';
import { rows } from '../shared/transaction';

/** What staff did to a customer's account, in words an auditor reads. */
export type StaffAction =
  | 'cart.add-item'
  | 'cart.set-quantity'
  | 'cart.remove-item'
  | 'cart.clear'
  | 'cart.confirm'
  | 'customer.register'
  | 'customer.set-address'
  | 'order.place'
  | 'order.cancel'
  | 'order.ship'
  | 'wallet.top-up'
  | 'wallet.pay';

/**
 * Records a staff action on a customer's account (who, during which call, when, what), in the
 * same transaction as the action, so the trail and the change never disagree. Customers' own
 * actions are not audited here.
 */
export async function auditStaffAction(
  manager: EntityManager,
  actor: Actor | undefined,
  action: StaffAction,
  entry: { customerId: string | null; callId?: string; details?: Record<string, unknown> },
): Promise<void> {
  if (actor?.kind !== 'staff') return;
  await rows(
    manager,
    `INSERT INTO @.staff_audit ("staff_id", "call_id", "customer_id", "action", "details") VALUES ($1, $2, $3, $4, $5)`,
    [actor.staffId, actor.callId ?? entry.callId ?? null, entry.customerId, action, JSON.stringify(entry.details ?? {})],
  );
}
