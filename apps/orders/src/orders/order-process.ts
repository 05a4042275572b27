import type { OrderState } from '@callcart/contracts';

/**
 * The order's life in one table (Vendure's order process is the model): every state an order
 * can be in, and where it may go from each. Every change of an order's state goes through
 * {@link transition} (order-transition.ts), which checks this table, so a state change that is
 * not listed here cannot happen anywhere in the service.
 *
 * ```
 * placed → awaiting_payment → paid ─────────────┐
 *                           → cash_on_delivery ─┴→ ready_to_ship → shipped
 * awaiting_payment, ready_to_ship → cancelled
 * ```
 *
 * `placed`, `paid` and `cash_on_delivery` are passed through inside one transaction (placing
 * opens the payment window at once; a settled order has its shipment written at once), so an
 * order rests only in `awaiting_payment`, `ready_to_ship`, `shipped` or `cancelled`; the history
 * (`order_state_change`) keeps every step with its reason (decision 0005).
 */
export const OrderStates = {
  placed: 'placed',
  awaitingPayment: 'awaiting_payment',
  paid: 'paid',
  cashOnDelivery: 'cash_on_delivery',
  readyToShip: 'ready_to_ship',
  shipped: 'shipped',
  cancelled: 'cancelled',
} as const satisfies Record<string, OrderState>;

export const ORDER_TRANSITIONS: Readonly<Record<OrderState, readonly OrderState[]>> = {
  placed: [OrderStates.awaitingPayment],
  awaiting_payment: [OrderStates.paid, OrderStates.cashOnDelivery, OrderStates.cancelled],
  paid: [OrderStates.readyToShip],
  cash_on_delivery: [OrderStates.readyToShip],
  ready_to_ship: [OrderStates.shipped, OrderStates.cancelled],
  shipped: [],
  cancelled: [],
};

/** The states an order rests in between transactions: the only ones a reader ever sees. */
export const RESTING_STATES: readonly OrderState[] = [OrderStates.awaitingPayment, OrderStates.readyToShip, OrderStates.shipped, OrderStates.cancelled];

/** States an order may be cancelled from: every resting state that the table lets go to `cancelled`. */
export const CANCELLABLE_STATES: ReadonlySet<OrderState> = new Set(RESTING_STATES.filter((state) => ORDER_TRANSITIONS[state].includes(OrderStates.cancelled)));

export function canTransition(from: OrderState, to: OrderState): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/**
 * A state change the table does not allow (or an order that moved on under the caller). Thrown,
 * not returned: every caller checks what it expects first and answers with its own typed reply
 * (`NOT_CANCELLABLE`, `NOT_READY_TO_SHIP`, …), so reaching this is a bug that rolls back.
 */
export class OrderTransitionRefused extends Error {
  readonly code = 'INVALID_TRANSITION';

  constructor(
    readonly orderId: string,
    readonly from: OrderState,
    readonly to: OrderState,
    why = `an order that is ${from.replaceAll('_', ' ')} cannot become ${to.replaceAll('_', ' ')}`,
  ) {
    super(`order ${orderId}: ${why}`);
    this.name = 'OrderTransitionRefused';
  }
}

/** Throws {@link OrderTransitionRefused} unless the table allows `from → to`. */
export function refuseUnlessAllowed(orderId: string, from: OrderState, to: OrderState): void {
  if (!canTransition(from, to)) throw new OrderTransitionRefused(orderId, from, to);
}
