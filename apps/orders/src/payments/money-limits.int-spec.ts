import { randomUUID } from 'node:crypto';
import {
  cartAddItemV1,
  customerRegisterV1,
  customerSetShippingAddressV1,
  orderPlaceV1,
  walletPayV1,
  walletTopUpV1,
} from '@callcart/contracts';
import { address, newPhone, OrdersWorld, products } from '../orders-world.spec-helper';
import { WALLET_BALANCE_CEILING_MINOR } from './top-up-limits';

describe('top-up limits and idempotency keys that cannot be reused for something else', () => {
  let world: OrdersWorld;

  beforeAll(async () => {
    world = await OrdersWorld.create();
    await world.startReplica({ WALLET_TOP_UP_LIMITS: 'agent=10000/25000,admin=1000000000000/1000000000000' });
  });

  afterAll(async () => {
    await world.close();
  });

  async function customer(withCart = false): Promise<string> {
    const reply = await world.client.request(customerRegisterV1, { phone: newPhone(), how: 'agent' });
    if (!reply.ok) throw new Error(reply.message);
    const customerId = reply.customer.customerId;
    if (withCart) {
      await world.client.request(customerSetShippingAddressV1, { customerId, address });
      await world.client.request(cartAddItemV1, { cart: { customerId }, productId: products.tea.id, quantity: 2 });
    }
    return customerId;
  }

  const topUp = (customerId: string, amountMinor: number, extra: { staffId?: string; staffRole?: 'agent' | 'admin'; idempotencyKey?: string } = {}) =>
    world.client.request(walletTopUpV1, {
      customerId,
      amount: { amountMinor, currency: 'CNY' },
      reason: 'cash paid in at the counter',
      staffId: extra.staffId ?? 'agent-limits',
      idempotencyKey: extra.idempotencyKey ?? randomUUID(),
      ...(extra.staffRole ? { staffRole: extra.staffRole } : {}),
    });

  const balanceOf = async (customerId: string) =>
    (await world.sql<{ balance_minor: string }>(`SELECT "balance_minor" FROM @.wallet WHERE "customer_id" = $1`, [customerId]))[0].balance_minor;

  it('refuses a top-up past the role\'s per-top-up limit, and a day\'s top-ups past the daily one, writing nothing', async () => {
    const customerId = await customer();
    const staffId = `agent-${randomUUID()}`;
    await expect(topUp(customerId, 10_001, { staffId, staffRole: 'agent' })).resolves.toMatchObject({ ok: false, code: 'TOP_UP_LIMIT' });
    await expect(topUp(customerId, 10_001, { staffId })).resolves.toMatchObject({ ok: false, code: 'TOP_UP_LIMIT' });
    await expect(topUp(customerId, 10_000, { staffId, staffRole: 'agent' })).resolves.toMatchObject({ ok: true });
    await expect(topUp(customerId, 10_000, { staffId, staffRole: 'agent' })).resolves.toMatchObject({ ok: true });
    const overDay = await topUp(customerId, 5_001, { staffId, staffRole: 'agent' });
    expect(overDay).toMatchObject({ ok: false, code: 'TOP_UP_LIMIT' });
    expect(overDay.ok ? '' : overDay.message).toContain('24 hours');
    await expect(topUp(customerId, 5_000, { staffId, staffRole: 'agent' })).resolves.toMatchObject({ ok: true });
    await expect(topUp(customerId, 1_000_000, { staffId: `admin-${randomUUID()}`, staffRole: 'admin' })).resolves.toMatchObject({ ok: true });
    await expect(balanceOf(customerId)).resolves.toBe(String(25_000 + 1_000_000));
  });

  it('answers a top-up that would take a balance past the ceiling (or past 2^53 − 1) with a refusal, not a failure', async () => {
    const customerId = await customer();
    const admin = { staffId: `admin-${randomUUID()}`, staffRole: 'admin' as const };
    await expect(topUp(customerId, Number.MAX_SAFE_INTEGER, admin)).resolves.toMatchObject({ ok: false, code: 'TOP_UP_LIMIT' });
    await expect(topUp(customerId, 1_000_000_000_000, admin)).resolves.toMatchObject({ ok: true });
    // A balance near the ceiling, set directly (no test staff may credit that much in a day).
    await world.sql(`UPDATE @.wallet SET "balance_minor" = $2 WHERE "customer_id" = $1`, [customerId, WALLET_BALANCE_CEILING_MINOR - 10]);
    await expect(topUp(customerId, 11, { staffId: `admin-${randomUUID()}`, staffRole: 'admin' })).resolves.toMatchObject({ ok: false, code: 'BALANCE_LIMIT' });
    await expect(balanceOf(customerId)).resolves.toBe(String(WALLET_BALANCE_CEILING_MINOR - 10));
  });

  it('refuses a top-up idempotency key reused with another amount, and repeats the same request once', async () => {
    const customerId = await customer();
    const idempotencyKey = randomUUID();
    const first = await topUp(customerId, 500, { idempotencyKey });
    expect(first).toMatchObject({ ok: true });
    await expect(topUp(customerId, 500, { idempotencyKey })).resolves.toMatchObject({ ok: true, entry: first.ok ? first.entry : {} });
    const reused = await topUp(customerId, 9_999, { idempotencyKey });
    expect(reused).toMatchObject({ ok: false, code: 'IDEMPOTENCY_KEY_REUSED' });
    await expect(topUp(customerId, 500, { idempotencyKey, staffId: 'another-agent' })).resolves.toMatchObject({ ok: false, code: 'IDEMPOTENCY_KEY_REUSED' });
    await expect(balanceOf(customerId)).resolves.toBe('500');
  });

  it('refuses an order idempotency key reused after the cart changed or for another request, and repeats a plain retry', async () => {
    const customerId = await customer(true);
    const idempotencyKey = randomUUID();
    const first = await world.client.request(orderPlaceV1, { customerId, idempotencyKey, placedBy: 'agent' });
    if (!first.ok) throw new Error(first.message);
    await expect(world.client.request(orderPlaceV1, { customerId, idempotencyKey, placedBy: 'agent' })).resolves.toEqual(first);
    await expect(world.client.request(orderPlaceV1, { customerId, idempotencyKey, placedBy: 'customer' })).resolves.toMatchObject({
      ok: false,
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    await world.client.request(cartAddItemV1, { cart: { customerId }, productId: products.oil.id, quantity: 1 });
    await expect(world.client.request(orderPlaceV1, { customerId, idempotencyKey, placedBy: 'agent' })).resolves.toMatchObject({
      ok: false,
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    await expect(world.sql(`SELECT count(*)::int AS n FROM @.customer_order WHERE "customer_id" = $1`, [customerId])).resolves.toEqual([{ n: 1 }]);
  });

  it('refuses a payment idempotency key reused for another order', async () => {
    const customerId = await customer(true);
    await topUp(customerId, 10_000, { staffRole: 'admin', staffId: `admin-${randomUUID()}` });
    const placeOne = async () => {
      const placed = await world.client.request(orderPlaceV1, { customerId, idempotencyKey: randomUUID(), placedBy: 'agent' });
      if (!placed.ok) throw new Error(placed.message);
      return placed.order.id;
    };
    const firstOrder = await placeOne();
    await world.client.request(cartAddItemV1, { cart: { customerId }, productId: products.tea.id, quantity: 1 });
    const secondOrder = await placeOne();
    const idempotencyKey = randomUUID();
    await expect(world.client.request(walletPayV1, { orderId: firstOrder, customerId, idempotencyKey })).resolves.toMatchObject({ ok: true });
    await expect(world.client.request(walletPayV1, { orderId: secondOrder, customerId, idempotencyKey })).resolves.toMatchObject({
      ok: false,
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
  });
});
