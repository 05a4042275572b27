import { randomUUID } from 'node:crypto';
import {
  cartAddItemV1,
  customerRegisterV1,
  customerSetShippingAddressV1,
  orderPlaceV1,
  paymentSettledV1,
  walletPayV1,
  walletTopUpV1,
  type Order,
} from '@callcart/contracts';
import { eventually } from '@callcart/testing';
import { address, newPhone, OrdersWorld, products } from '../orders-world.spec-helper';

async function inChunks<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return results;
}

describe('payment versus expiry', () => {
  let world: OrdersWorld;

  beforeAll(async () => {
    world = await OrdersWorld.create();
  });

  afterAll(async () => {
    await world.close();
  });

  async function customerReadyToOrder(topUpMinor: number): Promise<string> {
    const reply = await world.client.request(customerRegisterV1, { phone: newPhone(), how: 'agent' });
    if (!reply.ok) throw new Error(reply.message);
    const customerId = reply.customer.customerId;
    await world.client.request(customerSetShippingAddressV1, { customerId, address });
    await world.client.request(cartAddItemV1, { cart: { customerId }, productId: products.tea.id, quantity: 3 });
    if (topUpMinor > 0) {
      await world.client.request(walletTopUpV1, {
        customerId,
        amount: { amountMinor: topUpMinor, currency: 'CNY' },
        reason: 'prepaid at the counter',
        staffId: 'admin-1',
        staffRole: 'admin',
        idempotencyKey: randomUUID(),
      });
    }
    return customerId;
  }

  async function placeOrder(customerId: string): Promise<Order> {
    const reply = await world.client.request(orderPlaceV1, { customerId, idempotencyKey: randomUUID(), placedBy: 'customer' }, { timeoutMs: 20_000 });
    if (!reply.ok) throw new Error(`${reply.code} ${reply.message}`);
    return reply.order;
  }

  it('settles each of 200 orders exactly once when payments race the window expiring, with two replicas', async () => {
    await world.startReplica({ PAYMENT_WINDOW: '4s', TIMER_POLL_INTERVAL: '50ms' });
    await world.startReplica({ PAYMENT_WINDOW: '4s', TIMER_POLL_INTERVAL: '50ms' });
    const settled = await world.collect(paymentSettledV1);
    const customers = await inChunks(Array.from({ length: 200 }), 20, () => customerReadyToOrder(10_000));
    const orders = await inChunks(customers, 50, placeOrder);
    // Pay each order around its own deadline: some payments land just before, some just after.
    const replies = await Promise.all(
      orders.map(async (order, index) => {
        const payAt = Date.parse(order.paymentDueAt) + ((index % 21) - 10) * 15;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, payAt - Date.now())));
        return world.client.request(walletPayV1, { orderId: order.id, customerId: order.customerId, idempotencyKey: randomUUID() }, { timeoutMs: 20_000 });
      }),
    );
    expect(replies.filter((reply) => !reply.ok && reply.code !== 'NOT_AWAITING_PAYMENT')).toEqual([]);

    const orderIds = orders.map((order) => order.id);
    await eventually(() => orderIds.every((id) => settled.items.some((item) => item.orderId === id)), 'every order settled', 15_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const settlements = settled.items.filter((item) => orderIds.includes(item.orderId));
    expect(settlements).toHaveLength(200);
    const payments = await world.sql<{ order_id: string; method: string }>(`SELECT "order_id", "method" FROM @.payment WHERE "order_id" = ANY($1)`, [orderIds]);
    expect(payments).toHaveLength(200);
    const paidByWallet = new Set(payments.filter((payment) => payment.method === 'wallet').map((payment) => payment.order_id));
    for (const reply of replies) if (reply.ok) expect(paidByWallet.has(reply.payment.orderId)).toBe(true);
    expect(paidByWallet.size).toBe(replies.filter((reply) => reply.ok).length);
    const states = await world.sql<{ state: string; n: number }>(`SELECT "state", count(*)::int AS n FROM @.customer_order WHERE "id" = ANY($1) GROUP BY "state"`, [orderIds]);
    expect(states).toEqual([{ state: 'ready_to_ship', n: 200 }]);

    const wallets = await world.sql<{ customer_id: string; balance: string; ledger: string; debits: number }>(
      `SELECT w."customer_id", w."balance_minor" AS balance,
              (SELECT sum(e."amount_minor") FROM @.wallet_entry e WHERE e."customer_id" = w."customer_id") AS ledger,
              (SELECT count(*)::int FROM @.wallet_entry e WHERE e."customer_id" = w."customer_id" AND e."kind" = 'payment') AS debits
       FROM @.wallet w WHERE w."customer_id" = ANY($1)`,
      [customers],
    );
    expect(wallets).toHaveLength(200);
    for (const wallet of wallets) {
      expect(wallet.balance).toBe(wallet.ledger);
      expect(wallet.debits).toBeLessThanOrEqual(1);
    }
    const cashOnDelivery = payments.filter((payment) => payment.method === 'cash-on-delivery').length;
    // Both sides must have won some races for the test to mean anything.
    expect(paidByWallet.size).toBeGreaterThan(0);
    expect(cashOnDelivery).toBeGreaterThan(0);
    for (const replica of [...world.replicas]) await world.stopReplica(replica);
  }, 90_000);

  it('expires a window that ended while the service was down, once it is back', async () => {
    const replica = await world.startReplica({ PAYMENT_WINDOW: '1500ms' });
    const settled = await world.collect(paymentSettledV1);
    const order = await placeOrder(await customerReadyToOrder(0));
    await world.stopReplica(replica);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(settled.items.filter((item) => item.orderId === order.id)).toEqual([]);
    await world.startReplica({ PAYMENT_WINDOW: '1500ms' });
    await world.startReplica({ PAYMENT_WINDOW: '1500ms' });
    await eventually(() => settled.items.some((item) => item.orderId === order.id), 'expiry after restart', 5000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(settled.items.filter((item) => item.orderId === order.id)).toEqual([expect.objectContaining({ method: 'cash-on-delivery' })]);
  }, 30_000);
});
