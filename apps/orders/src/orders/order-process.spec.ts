import { orderStateSchema, type OrderState } from '@callcart/contracts';
import { CANCELLABLE_STATES, canTransition, ORDER_TRANSITIONS, OrderStates, OrderTransitionRefused, refuseUnlessAllowed, RESTING_STATES } from './order-process';

const ALL_STATES = orderStateSchema.options;

/** The order process written out as the pairs it allows; everything else is refused. */
const ALLOWED: ReadonlyArray<[OrderState, OrderState]> = [
  ['placed', 'awaiting_payment'],
  ['awaiting_payment', 'paid'],
  ['awaiting_payment', 'cash_on_delivery'],
  ['awaiting_payment', 'cancelled'],
  ['paid', 'ready_to_ship'],
  ['cash_on_delivery', 'ready_to_ship'],
  ['ready_to_ship', 'shipped'],
  ['ready_to_ship', 'cancelled'],
];
const allowed = new Set(ALLOWED.map(([from, to]) => `${from}→${to}`));
const REFUSED = ALL_STATES.flatMap((from) => ALL_STATES.map((to) => [from, to] as [OrderState, OrderState])).filter(([from, to]) => !allowed.has(`${from}→${to}`));

describe('the order process', () => {
  it('names every state of the wire contract, and only those', () => {
    expect(Object.keys(ORDER_TRANSITIONS).sort()).toEqual([...ALL_STATES].sort());
    expect(Object.values(OrderStates).sort()).toEqual([...ALL_STATES].sort());
  });

  it.each(ALLOWED)('lets an order go from %s to %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => refuseUnlessAllowed('order-1', from, to)).not.toThrow();
  });

  it.each(REFUSED)('refuses %s → %s with a typed error', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    let thrown: unknown;
    try {
      refuseUnlessAllowed('order-1', from, to);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(OrderTransitionRefused);
    expect(thrown).toMatchObject({ code: 'INVALID_TRANSITION', orderId: 'order-1', from, to });
  });

  it('has shipped and cancelled as the only ends', () => {
    expect(ALL_STATES.filter((state) => ORDER_TRANSITIONS[state].length === 0).sort()).toEqual(['cancelled', 'shipped']);
  });

  it('reaches every state from placed', () => {
    const reached = new Set<OrderState>(['placed']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const from of [...reached]) for (const to of ORDER_TRANSITIONS[from]) if (!reached.has(to)) grew = reached.add(to) !== undefined;
    }
    expect([...reached].sort()).toEqual([...ALL_STATES].sort());
  });

  it('cancels only from states an order rests in before shipping', () => {
    expect([...CANCELLABLE_STATES].sort()).toEqual(['awaiting_payment', 'ready_to_ship']);
    for (const state of CANCELLABLE_STATES) expect(RESTING_STATES).toContain(state);
  });
});
