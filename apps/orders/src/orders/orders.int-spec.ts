import { randomUUID } from 'node:crypto';
import {
  cartAddItemV1,
  cartGetV1,
  customerGetV1,
  customerRegisterV1,
  customerSetShippingAddressV1,
  orderCancelledV1,
  orderCancelV1,
  orderGetV1,
  orderListV1,
  orderPlacedV1,
  orderPlaceV1,
  paymentSettledV1,
  shipmentReadyV1,
  walletGetV1,
  walletPayV1,
  walletTopUpV1,
} from '@callcart/contracts';
import { eventually } from '@callcart/testing';
import { address, newPhone, OrdersWorld, products } from '../orders-world.spec-helper';

const agent = { kind: 'staff' as const, staffId: 'agent-9' };

describe('orders, wallet and the payment window', () => {
  let world: OrdersWorld;

  beforeAll(async () => {
    world = await OrdersWorld.create();
    await world.startReplica({ PAYMENT_WINDOW: '1500ms' });
  });

  afterAll(async () => {
    await world.close();
  });

  async function customerWithCart(): Promise<string> {
    const reply = await world.client.request(customerRegisterV1, { phone: newPhone(), how: 'agent' });
    if (!reply.ok) throw new Error(reply.message);
    const customerId = reply.customer.customerId;
    await world.client.request(cartAddItemV1, { cart: { customerId }, productId: products.tea.id, quantity: 2 });
    await world.client.request(cartAddItemV1, { cart: { customerId }, productId: products.oil.id, quantity: 1 });
    return customerId;
  }

  async function topUp(customerId: string, amountMinor: number): Promise<void> {
    const reply = await world.client.request(walletTopUpV1, {
      customerId,
      amount: { amountMinor, currency: 'CNY' },
      reason: 'cash paid in at the shop counter',
      staffId: 'admin-1',
      idempotencyKey: randomUUID(),
    });
    if (!reply.ok) throw new Error(reply.message);
  }

  async function place(customerId: string, key = randomUUID()) {
    const reply = await world.client.request(orderPlaceV1, { customerId, idempotencyKey: key, placedBy: 'agent', actor: agent });
    if (!reply.ok) throw new Error(`${reply.code}: ${reply.message}`);
    return reply.order;
  }

  it('needs an address, then places the cart as an order with a price snapshot, once per idempotency key', async () => {
    const placed = await world.collect(orderPlacedV1);
    const customerId = await customerWithCart();
    const key = randomUUID();
    await expect(world.client.request(orderPlaceV1, { customerId, idempotencyKey: key, placedBy: 'agent' })).resolves.toMatchObject({
      ok: false,
      code: 'ADDRESS_REQUIRED',
    });
    await expect(world.client.request(customerSetShippingAddressV1, { customerId, address, actor: agent })).resolves.toMatchObject({ ok: true });
    const order = await place(customerId, key);
    expect(order).toMatchObject({
      customerId,
      state: 'awaiting_payment',
      placedBy: 'agent',
      shippingAddress: address,
      total: { amountMinor: 2 * 2590 + 16990, currency: 'CNY' },
    });
    expect(order.lines.map((line) => [line.sku, line.quantity, line.unitPrice.amountMinor])).toEqual([
      ['100234', 2, 2590],
      ['200871', 1, 16990],
    ]);
    expect(Date.parse(order.paymentDueAt) - Date.parse(order.placedAt)).toBe(1500);
    const again = await place(customerId, key);
    expect(again).toEqual(order);
    await expect(world.sql(`SELECT count(*)::int AS n FROM @.customer_order WHERE "customer_id" = $1`, [customerId])).resolves.toEqual([{ n: 1 }]);
    const cart = await world.client.request(cartGetV1, { cart: { customerId } });
    expect(cart.ok && cart.cart.lines).toEqual([]);
    await expect(world.client.request(orderPlaceV1, { customerId, idempotencyKey: randomUUID(), placedBy: 'agent' })).resolves.toMatchObject({
      ok: false,
      code: 'CART_EMPTY',
    });
    await eventually(() => placed.items.some((item) => item.order.id === order.id), 'order placed event');
    expect(placed.items.filter((item) => item.order.id === order.id)).toHaveLength(1);
  });

  it('pays from the wallet only when the balance covers it, then announces payment settled and ready to ship in that order', async () => {
    const settled = await world.collect(paymentSettledV1);
    const ready = await world.collect(shipmentReadyV1);
    const customerId = await customerWithCart();
    await world.client.request(customerSetShippingAddressV1, { customerId, address });
    const order = await place(customerId);
    const pay = () => world.client.request(walletPayV1, { orderId: order.id, customerId, idempotencyKey: `pay-${order.id}` });
    await expect(pay()).resolves.toMatchObject({ ok: false, code: 'INSUFFICIENT_FUNDS' });
    await expect(world.sql(`SELECT count(*)::int AS n FROM @.wallet_entry WHERE "customer_id" = $1`, [customerId])).resolves.toEqual([{ n: 0 }]);
    await topUp(customerId, 30000);
    const paid = await pay();
    expect(paid).toMatchObject({ ok: true, payment: { method: 'wallet', amount: order.total }, balance: { amountMinor: 30000 - order.total.amountMinor } });
    await expect(pay()).resolves.toEqual(paid);
    await expect(world.client.request(walletPayV1, { orderId: order.id, customerId, idempotencyKey: randomUUID() })).resolves.toMatchObject({
      ok: false,
      code: 'NOT_AWAITING_PAYMENT',
    });
    await eventually(() => ready.items.some((item) => item.orderId === order.id), 'ready to ship');
    expect(settled.items.filter((item) => item.orderId === order.id)).toEqual([expect.objectContaining({ method: 'wallet' })]);
    expect(ready.items.find((item) => item.orderId === order.id)).toMatchObject({ paymentMethod: 'wallet', amountToCollect: { amountMinor: 0 }, address });
    const published = await world.sql<{ subject: string }>(
      `SELECT "subject" FROM @.outbox_event WHERE "correlation_id" = $1 ORDER BY "seq"`,
      [order.id],
    );
    expect(published.map((event) => event.subject)).toEqual(['orders.order.placed.v1', 'orders.payment.settled.v1', 'orders.shipment.ready.v1']);
    const wallet = await world.client.request(walletGetV1, { customerId });
    expect(wallet.ok && wallet.wallet.recentEntries.map((entry) => [entry.kind, entry.amount.amountMinor])).toEqual([
      ['payment', -order.total.amountMinor],
      ['top-up', 30000],
    ]);
    const got = await world.client.request(orderGetV1, { orderId: order.id, customerId });
    expect(got).toMatchObject({
      ok: true,
      order: { state: 'ready_to_ship', settlement: { method: 'wallet', amountToCollect: { amountMinor: 0 } } },
      payment: { method: 'wallet' },
    });
  });

  it("refuses to pay someone else's order and writes nothing", async () => {
    const owner = await customerWithCart();
    await world.client.request(customerSetShippingAddressV1, { customerId: owner, address });
    const order = await place(owner);
    const other = await customerWithCart();
    await topUp(other, 50000);
    await expect(world.client.request(walletPayV1, { orderId: order.id, customerId: other, idempotencyKey: randomUUID() })).resolves.toMatchObject({
      ok: false,
      code: 'ORDER_NOT_FOUND',
    });
    await expect(
      world.client.request(walletPayV1, { orderId: order.id, customerId: owner, idempotencyKey: randomUUID(), actor: { kind: 'customer', customerId: other } }),
    ).resolves.toMatchObject({ ok: false, code: 'ORDER_NOT_FOUND' });
    await expect(world.sql(`SELECT "balance_minor" FROM @.wallet WHERE "customer_id" = $1`, [other])).resolves.toEqual([{ balance_minor: '50000' }]);
    await expect(world.sql(`SELECT "state" FROM @.customer_order WHERE "id" = $1`, [order.id])).resolves.toEqual([{ state: 'awaiting_payment' }]);
  });

  it('switches an order unpaid at its deadline to cash on delivery, once, and it ships anyway', async () => {
    const settled = await world.collect(paymentSettledV1);
    const ready = await world.collect(shipmentReadyV1);
    const customerId = await customerWithCart();
    await world.client.request(customerSetShippingAddressV1, { customerId, address });
    const order = await place(customerId);
    await eventually(() => ready.items.some((item) => item.orderId === order.id), 'cash on delivery', 5000);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(settled.items.filter((item) => item.orderId === order.id)).toEqual([
      expect.objectContaining({ method: 'cash-on-delivery', amount: order.total }),
    ]);
    expect(ready.items.find((item) => item.orderId === order.id)).toMatchObject({ paymentMethod: 'cash-on-delivery', amountToCollect: order.total });
    const [{ late_ms }] = await world.sql<{ late_ms: number }>(
      `SELECT extract(epoch FROM p."settled_at" - o."payment_due_at") * 1000 AS late_ms FROM @.payment p JOIN @.customer_order o ON o."id" = p."order_id" WHERE o."id" = $1`,
      [order.id],
    );
    expect(Number(late_ms)).toBeGreaterThanOrEqual(0);
    const listed = await world.client.request(orderListV1, { customerId, limit: 5 });
    expect(listed.ok && listed.orders[0].settlement).toMatchObject({ method: 'cash-on-delivery', amountToCollect: order.total });
    await topUp(customerId, 100000);
    await expect(world.client.request(walletPayV1, { orderId: order.id, customerId, idempotencyKey: randomUUID() })).resolves.toMatchObject({
      ok: false,
      code: 'NOT_AWAITING_PAYMENT',
    });
  });

  it('cancels before shipping and refunds a wallet payment to the wallet', async () => {
    const cancelled = await world.collect(orderCancelledV1);
    const customerId = await customerWithCart();
    await world.client.request(customerSetShippingAddressV1, { customerId, address });
    await topUp(customerId, 40000);
    const order = await place(customerId);
    await world.client.request(walletPayV1, { orderId: order.id, customerId, idempotencyKey: randomUUID() });
    const reply = await world.client.request(orderCancelV1, { orderId: order.id, reason: 'customer changed their mind', actor: agent });
    expect(reply).toMatchObject({ ok: true, order: { state: 'cancelled' } });
    await expect(world.client.request(orderCancelV1, { orderId: order.id, reason: 'again' })).resolves.toMatchObject({ ok: false, code: 'NOT_CANCELLABLE' });
    await expect(world.sql(`SELECT "balance_minor" FROM @.wallet WHERE "customer_id" = $1`, [customerId])).resolves.toEqual([{ balance_minor: '40000' }]);
    await eventually(() => cancelled.items.some((item) => item.orderId === order.id), 'order cancelled');
    expect(cancelled.items.find((item) => item.orderId === order.id)).toMatchObject({ refunded: order.total });
    const [{ ledger, balance }] = await world.sql<{ ledger: string; balance: string }>(
      `SELECT (SELECT sum("amount_minor") FROM @.wallet_entry WHERE "customer_id" = $1) AS ledger, (SELECT "balance_minor" FROM @.wallet WHERE "customer_id" = $1) AS balance`,
      [customerId],
    );
    expect(ledger).toBe(balance);
    await expect(world.sql(`UPDATE @.wallet_entry SET "amount_minor" = 1 WHERE "customer_id" = $1`, [customerId])).rejects.toThrow(/append-only/);
  });

  it('answers queries: the customer by phone, their orders, and records staff actions in the audit trail', async () => {
    const phone = newPhone();
    const registered = await world.client.request(customerRegisterV1, { phone, how: 'agent', actor: agent });
    if (!registered.ok) throw new Error(registered.message);
    const customerId = registered.customer.customerId;
    await world.client.request(cartAddItemV1, { cart: { customerId }, productId: products.oil.id, quantity: 1, actor: agent });
    await world.client.request(customerSetShippingAddressV1, { customerId, address, actor: agent });
    const order = await place(customerId);
    const profile = await world.client.request(customerGetV1, { phone: phone.replace('+86', '') });
    expect(profile).toMatchObject({ ok: true, customer: { customerId, phone, defaultAddress: address, recentOrders: [{ orderId: order.id }] } });
    const list = await world.client.request(orderListV1, { customerId, limit: 10 });
    expect(list.ok && list.orders.map((listed) => listed.id)).toEqual([order.id]);
    await expect(world.client.request(customerGetV1, { customerId: randomUUID() })).resolves.toMatchObject({ ok: false, code: 'CUSTOMER_NOT_FOUND' });
    const audit = await world.sql<{ action: string; staff_id: string }>(`SELECT "action", "staff_id" FROM @.staff_audit WHERE "customer_id" = $1 ORDER BY "id"`, [customerId]);
    expect(audit).toEqual([
      { action: 'customer.register', staff_id: 'agent-9' },
      { action: 'cart.add-item', staff_id: 'agent-9' },
      { action: 'customer.set-address', staff_id: 'agent-9' },
      { action: 'order.place', staff_id: 'agent-9' },
    ]);
  });

  it('refuses a top-up in another currency and credits a repeated top-up once', async () => {
    const customerId = await customerWithCart();
    await expect(
      world.client.request(walletTopUpV1, { customerId, amount: { amountMinor: 100, currency: 'USD' }, reason: 'x', staffId: 'a', idempotencyKey: randomUUID() }),
    ).resolves.toMatchObject({ ok: false, code: 'CURRENCY_MISMATCH' });
    const request = { customerId, amount: { amountMinor: 5000, currency: 'CNY' }, reason: 'birthday gift from daughter', staffId: 'admin-1', idempotencyKey: randomUUID() };
    const first = await world.client.request(walletTopUpV1, request);
    const second = await world.client.request(walletTopUpV1, request);
    expect(second.ok && first.ok && second.entry.entryId).toBe(first.ok && first.entry.entryId);
    await expect(world.sql(`SELECT "balance_minor" FROM @.wallet WHERE "customer_id" = $1`, [customerId])).resolves.toEqual([{ balance_minor: '5000' }]);
  });
});
