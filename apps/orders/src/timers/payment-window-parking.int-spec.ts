import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { cartAddItemV1, customerRegisterV1, customerSetShippingAddressV1, orderPlaceV1 } from '@callcart/contracts';
import { eventually } from '@callcart/testing';
import { address, newPhone, OrdersWorld, products } from '../orders-world.spec-helper';

describe('the payment window when one order cannot be settled', () => {
  let world: OrdersWorld;
  let registry: Registry;

  beforeAll(async () => {
    world = await OrdersWorld.create();
    const replica = await world.startReplica({ PAYMENT_WINDOW: '4s', TIMER_MAX_ATTEMPTS: '3' });
    registry = replica.app.get(Registry);
  });

  afterAll(async () => {
    await world.close();
  });

  async function placeOrder(): Promise<{ orderId: string; customerId: string }> {
    const registered = await world.client.request(customerRegisterV1, { phone: newPhone(), how: 'agent' });
    if (!registered.ok) throw new Error(registered.message);
    const { customerId } = registered.customer;
    await world.client.request(customerSetShippingAddressV1, { customerId, address, actor: { kind: 'staff', staffId: 'agent-1' } });
    await world.client.request(cartAddItemV1, { cart: { customerId }, productId: products.tea.id, quantity: 1 });
    const placed = await world.client.request(orderPlaceV1, { customerId, idempotencyKey: randomUUID(), placedBy: 'agent' });
    if (!placed.ok) throw new Error(`${placed.code}: ${placed.message}`);
    return { orderId: placed.order.id, customerId };
  }

  async function stateOf(orderId: string): Promise<string> {
    const [order] = await world.sql<{ state: string }>(`SELECT "state" FROM @.customer_order WHERE "id" = $1`, [orderId]);
    return order.state;
  }

  it('settles the other orders, and counts, parks and reports the failing one', async () => {
    const healthy = [];
    for (let i = 0; i < 3; i += 1) healthy.push(await placeOrder());
    // Placed last, and its payment written at once: on a busy machine placing four orders took
    // longer than the window, and the first order was settled before it could be poisoned.
    const poisoned = await placeOrder();
    // A payment already written for the order: settling it again breaks the payment's key.
    await world.sql(
      `INSERT INTO @.payment ("order_id", "customer_id", "method", "amount_minor", "currency", "settled_at") VALUES ($1, $2, 'wallet', 1, 'CNY', now())`,
      [poisoned.orderId, poisoned.customerId],
    );

    for (const order of healthy) {
      await eventually(async () => (await stateOf(order.orderId)) === 'ready_to_ship', `order ${order.orderId} shipped cash on delivery`, 20_000);
    }
    await eventually(
      async () => (await world.sql(`SELECT 1 FROM @.timer_failure WHERE "item_key" = $1 AND "parked_at" IS NOT NULL`, [poisoned.orderId])).length === 1,
      'the failing order parked',
      15_000,
    );
    const [failure] = await world.sql<{ timer: string; attempts: number; last_error: string }>(
      `SELECT "timer", "attempts", "last_error" FROM @.timer_failure WHERE "item_key" = $1`,
      [poisoned.orderId],
    );
    expect(failure).toMatchObject({ timer: 'payment-window', attempts: 3 });
    expect(failure.last_error).toContain('duplicate key');
    await expect(stateOf(poisoned.orderId)).resolves.toBe('awaiting_payment');
    const parked = await registry.getSingleMetric('callcart_timer_items_parked_total')?.get();
    expect(parked?.values).toEqual([expect.objectContaining({ value: 1, labels: expect.objectContaining({ timer: 'payment-window' }) })]);
  });
});
