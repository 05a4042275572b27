import type { Money, Order } from '../../shared/api-types';

/** One tab of the fulfilment view: the orders of one state, the ready ones split by how they were settled. */
export interface FulfilmentTab {
  readonly key: 'awaiting' | 'paid' | 'cashOnDelivery' | 'ready' | 'shipped' | 'cancelled';
  readonly state: string;
  readonly payment?: 'wallet' | 'cash-on-delivery';
}

/**
 * The lists a warehouse works through, in the order the goods move: waiting for payment; ready to
 * ship once paid from the wallet, or as cash on delivery (the courier collects); all ready; shipped;
 * cancelled.
 */
export const FULFILMENT_TABS: readonly FulfilmentTab[] = [
  { key: 'awaiting', state: 'awaiting_payment' },
  { key: 'paid', state: 'ready_to_ship', payment: 'wallet' },
  { key: 'cashOnDelivery', state: 'ready_to_ship', payment: 'cash-on-delivery' },
  { key: 'ready', state: 'ready_to_ship' },
  { key: 'shipped', state: 'shipped' },
  { key: 'cancelled', state: 'cancelled' },
];

/** Counts by state and settlement, as `GET /api/admin/orders` answers them. */
export interface OrderCount {
  state: string;
  paymentMethod: 'wallet' | 'cash-on-delivery' | null;
  count: number;
}

/** How many orders a tab holds, from the counts of every state. */
export function tabCount(tab: FulfilmentTab, counts: readonly OrderCount[]): number {
  return counts.filter((entry) => entry.state === tab.state && (!tab.payment || entry.paymentMethod === tab.payment)).reduce((sum, entry) => sum + entry.count, 0);
}

/** The query string of a tab's page. */
export function tabQuery(tab: FulfilmentTab, page: number, limit: number): string {
  const query = new URLSearchParams({ state: tab.state, page: String(page), limit: String(limit) });
  if (tab.payment) query.set('payment', tab.payment);
  return query.toString();
}

/** Pages needed for `total` orders, at least one (an empty list still has its page). */
export function pageCount(total: number, limit: number): number {
  return Math.max(1, Math.ceil(total / limit));
}

/** What the courier collects at the door: the amount under cash on delivery, nothing otherwise (or null before settlement). */
export function amountToCollect(order: Order): Money | null {
  return order.settlement ? order.settlement.amountToCollect : null;
}

/** A listed order with the customer it belongs to. */
export interface ListedOrder {
  order: Order;
  customer: { phone: string; name: string | null };
}

/** One step of an order's history. */
export interface OrderStep {
  from: string | null;
  to: string;
  reason: string;
  actor?: { kind: 'staff'; staffId: string } | { kind: 'customer'; customerId: string };
  /** The staff member's username, where the gateway knows the account. */
  staffName?: string;
  at: string;
}
