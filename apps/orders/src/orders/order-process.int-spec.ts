import { randomUUID } from 'node:crypto';
import {
  cartAddItemV1,
  customerRegisterV1,
  customerSetShippingAddressV1,
  orderBrowseV1,
  orderCancelV1,
  orderGetV1,
  orderPlaceV1,
  orderShippedV1,
  orderShipV1,
  walletPayV1,
  walletTopUpV1,
  type OrderState,
} from '@callcart/contracts';
import { eventually } from '@callcart/testing';
import { address, newPhone, OrdersWorld, products } from '../orders-world.spec-helper';

const admin = { kind: 'staff' as const, staffId: 'admin-7' };

/**
 * Every path an order takes goes through the order process: each state change leaves its step in
 * the history, the order rests where the history ends, and shipping is reachable only from ready
 * to ship, once.
 */
describe('the order process on the real database', () => {
  let world: OrdersWorld;

  beforeAll(async () => {
    world = await OrdersWorld.create();
    await world.startReplica({ PAYMENT_WINDOW: '1200ms' });
  });

  afterAll(async () => {
    await world.close();
  });

  async function placeOrder(balanceMinor = 0): Promise<{ customerId: string; orderId: string; totalMinor: number }> {
    const registered = await world.client.request(customerRegisterV1, { phone: newPhone(), how: 'agent' });
    if (!registered.ok) throw new Error(registered.message);
    const customerId = registered.customer.customerId;
    await world.client.request(customerSetShippingAddressV1, { customerId, address });
    await world.client.request(cartAddItemV1, { cart: { customerId }, productId: products.tea.id, quantity: 1 });
    if (balanceMinor > 0) {
      const topUp = await world.client.request(walletTopUpV1, {
        customerId,
        amount: { amountMinor: balanceMinor, currency: 'CNY' },
        reason: 'paid in at the counter',
        staffId: 'admin-7',
        idempotencyKey: randomUUID(),
      });
      if (!topUp.ok) throw new Error(topUp.message);
    }
    const placed = await world.client.request(orderPlaceV1, { customerId, idempotencyKey: randomUUID(), placedBy: 'agent', actor: { kind: 'staff', staffId: 'agent-1' } });
    if (!placed.ok) throw new Error(placed.message);
    return { customerId, orderId: placed.order.id, totalMinor: placed.order.total.amountMinor };
  }

  async function historyOf(orderId: string): Promise<Array<[OrderState | null, OrderState, string]>> {
    const reply = await world.client.request(orderGetV1, { orderId });
    if (!reply.ok) throw new Error(reply.message);
    return (reply.history ?? []).map((step) => [step.from, step.to, step.reason]);
  }

  async function stateOf(orderId: string): Promise<OrderState> {
    const [{ state }] = await world.sql<{ state: OrderState }>(`SELECT "state" FROM @.customer_order WHERE "id" = $1`, [orderId]);
    return state;
  }

  it('places an order as placed, then opens its payment window', async () => {
    const { orderId } = await placeOrder();
    await expect(stateOf(orderId)).resolves.toBe('awaiting_payment');
    await expect(historyOf(orderId)).resolves.toEqual([
      [null, 'placed', 'placed'],
      ['placed', 'awaiting_payment', 'payment window opened'],
    ]);
    const [placedStep] = await world.sql<{ actor: unknown }>(`SELECT "actor" FROM @.order_state_change WHERE "order_id" = $1 ORDER BY "seq" LIMIT 1`, [orderId]);
    expect(placedStep.actor).toEqual({ kind: 'staff', staffId: 'agent-1' });
  });

  it('passes a wallet payment through paid to ready to ship, then ships it once, announcing it once', async () => {
    const shipped = await world.collect(orderShippedV1);
    const { customerId, orderId } = await placeOrder(50000);
    const paid = await world.client.request(walletPayV1, { orderId, customerId, idempotencyKey: randomUUID(), actor: { kind: 'customer', customerId } });
    expect(paid).toMatchObject({ ok: true });
    await expect(stateOf(orderId)).resolves.toBe('ready_to_ship');

    const first = await world.client.request(orderShipV1, { orderId, actor: admin });
    expect(first).toMatchObject({ ok: true, order: { id: orderId, state: 'shipped' } });
    const again = await world.client.request(orderShipV1, { orderId, actor: admin });
    expect(again).toEqual(first);

    await expect(historyOf(orderId)).resolves.toEqual([
      [null, 'placed', 'placed'],
      ['placed', 'awaiting_payment', 'payment window opened'],
      ['awaiting_payment', 'paid', 'paid from the wallet'],
      ['paid', 'ready_to_ship', 'shipment prepared'],
      ['ready_to_ship', 'shipped', 'shipped'],
    ]);
    await eventually(() => shipped.items.some((event) => event.orderId === orderId), 'order shipped event');
    const events = await world.sql<{ subject: string }>(`SELECT "subject" FROM @.outbox_event WHERE "correlation_id" = $1 AND "subject" LIKE '%shipped%'`, [orderId]);
    expect(events).toHaveLength(1);
    expect(shipped.items.find((event) => event.orderId === orderId)).toMatchObject({ customerId, paymentMethod: 'wallet', amountToCollect: { amountMinor: 0 }, shippedBy: admin });
    await expect(world.sql(`SELECT "shipped_by" FROM @.shipment WHERE "order_id" = $1`, [orderId])).resolves.toEqual([{ shipped_by: 'admin-7' }]);
    await expect(world.client.request(orderCancelV1, { orderId, reason: 'too late' })).resolves.toMatchObject({ ok: false, code: 'NOT_CANCELLABLE' });
  });

  it('refuses to ship an order that awaits payment, or one that does not exist, and writes nothing', async () => {
    const { orderId } = await placeOrder();
    await expect(world.client.request(orderShipV1, { orderId, actor: admin })).resolves.toMatchObject({ ok: false, code: 'NOT_READY_TO_SHIP' });
    await expect(world.client.request(orderShipV1, { orderId: randomUUID() })).resolves.toMatchObject({ ok: false, code: 'ORDER_NOT_FOUND' });
    await expect(stateOf(orderId)).resolves.toBe('awaiting_payment');
    await expect(historyOf(orderId)).resolves.toHaveLength(2);
  });

  it('passes an expired window through cash on delivery to ready to ship', async () => {
    const { orderId } = await placeOrder();
    await eventually(async () => (await stateOf(orderId)) === 'ready_to_ship', 'window expiry', 8000);
    await expect(historyOf(orderId)).resolves.toEqual([
      [null, 'placed', 'placed'],
      ['placed', 'awaiting_payment', 'payment window opened'],
      ['awaiting_payment', 'cash_on_delivery', 'payment window expired'],
      ['cash_on_delivery', 'ready_to_ship', 'shipment prepared'],
    ]);
  });

  it('cancels through the process with the reason and who asked', async () => {
    const { orderId } = await placeOrder();
    await expect(world.client.request(orderCancelV1, { orderId, reason: 'customer changed their mind', actor: admin })).resolves.toMatchObject({
      ok: true,
      order: { state: 'cancelled' },
    });
    const history = await world.client.request(orderGetV1, { orderId });
    expect(history.ok && history.history?.at(-1)).toMatchObject({ from: 'awaiting_payment', to: 'cancelled', reason: 'cancelled: customer changed their mind', actor: admin });
    await expect(world.client.request(orderShipV1, { orderId })).resolves.toMatchObject({ ok: false, code: 'NOT_READY_TO_SHIP' });
  });

  it('lists orders by state and by how they were settled, a page at a time, with the counts', async () => {
    const cash = await placeOrder();
    await eventually(async () => (await stateOf(cash.orderId)) === 'ready_to_ship', 'window expiry', 8000);
    const waiting = await placeOrder();
    const byCash = await world.client.request(orderBrowseV1, { state: 'ready_to_ship', paymentMethod: 'cash-on-delivery', limit: 50 });
    if (!byCash.ok) throw new Error(byCash.message);
    const listed = byCash.orders.find((entry) => entry.order.id === cash.orderId);
    expect(listed).toMatchObject({ order: { settlement: { method: 'cash-on-delivery', amountToCollect: { amountMinor: cash.totalMinor } } }, customer: { name: null } });
    expect(byCash.orders.every((entry) => entry.order.state === 'ready_to_ship' && entry.order.settlement?.method === 'cash-on-delivery')).toBe(true);
    const byWallet = await world.client.request(orderBrowseV1, { state: 'ready_to_ship', paymentMethod: 'wallet', limit: 50 });
    expect(byWallet.ok && byWallet.orders.some((entry) => entry.order.id === cash.orderId)).toBe(false);

    const [{ n: awaiting }] = await world.sql<{ n: number }>(`SELECT count(*)::int AS n FROM @.customer_order WHERE "state" = 'awaiting_payment'`);
    const firstPage = await world.client.request(orderBrowseV1, { state: 'awaiting_payment', limit: 1 });
    if (!firstPage.ok) throw new Error(firstPage.message);
    expect(firstPage.total).toBe(awaiting);
    expect(firstPage.orders.map((entry) => entry.order.id)).toEqual([waiting.orderId]);
    expect(firstPage.counts).toContainEqual({ state: 'awaiting_payment', paymentMethod: null, count: awaiting });
    const secondPage = await world.client.request(orderBrowseV1, { state: 'awaiting_payment', limit: 1, offset: 1 });
    expect(secondPage.ok && secondPage.orders.map((entry) => entry.order.id)).not.toContain(waiting.orderId);
    await expect(world.client.request(orderBrowseV1, { state: 'lost' as OrderState, limit: 5 })).resolves.toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
  });

  it('leaves every order resting where its history ends', async () => {
    const mismatched = await world.sql(
      `SELECT o."id" FROM @.customer_order o
       WHERE o."state" IS DISTINCT FROM (SELECT c."to_state" FROM @.order_state_change c WHERE c."order_id" = o."id" ORDER BY c."seq" DESC LIMIT 1)`,
    );
    expect(mismatched).toEqual([]);
    const resting = await world.sql<{ state: string }>(`SELECT DISTINCT "state" FROM @.customer_order`);
    expect(resting.map((row) => row.state).every((state) => ['awaiting_payment', 'ready_to_ship', 'shipped', 'cancelled'].includes(state))).toBe(true);
  });
});
