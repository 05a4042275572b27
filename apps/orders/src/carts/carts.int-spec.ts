import { connect } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import {
  cartAddItemV1,
  cartClearV1,
  cartConfirmV1,
  cartGetV1,
  cartRemoveItemV1,
  cartSetQuantityV1,
  cartUpdatedV1,
  customerRegisterV1,
} from '@callcart/contracts';
import { eventually } from '@callcart/testing';
import { newPhone, OrdersWorld, products } from '../orders-world.spec-helper';

describe('carts', () => {
  let world: OrdersWorld;

  beforeAll(async () => {
    world = await OrdersWorld.create();
    await world.startReplica();
  });

  afterAll(async () => {
    await world.close();
  });

  async function newCustomer(): Promise<string> {
    const reply = await world.client.request(customerRegisterV1, { phone: newPhone(), how: 'agent' });
    if (!reply.ok) throw new Error(reply.message);
    return reply.customer.customerId;
  }

  it('adds, changes, removes and clears lines at the catalogue price, announcing the whole cart each time', async () => {
    const updates = await world.collect(cartUpdatedV1);
    const customerId = await newCustomer();
    const cart = { customerId };
    const added = await world.client.request(cartAddItemV1, { cart, productId: products.tea.id, quantity: 2 });
    expect(added).toMatchObject({
      ok: true,
      cart: {
        owner: cart,
        lines: [{ productId: 'tea-100', sku: '100234', name: products.tea.name, unitPrice: { amountMinor: 2590, currency: 'CNY' }, quantity: 2, lineTotal: { amountMinor: 5180, currency: 'CNY' } }],
        total: { amountMinor: 5180, currency: 'CNY' },
        confirmedAt: null,
      },
    });
    await world.client.request(cartAddItemV1, { cart, productId: products.tea.id, quantity: 1 });
    await world.client.request(cartAddItemV1, { cart, productId: products.oil.id, quantity: 1 });
    const changed = await world.client.request(cartSetQuantityV1, { cart, productId: products.tea.id, quantity: 5 });
    expect(changed.ok && changed.cart.lines.map((line) => [line.productId, line.quantity])).toEqual([
      ['tea-100', 5],
      ['oil-5l', 1],
    ]);
    expect(changed.ok && changed.cart.total.amountMinor).toBe(5 * 2590 + 16990);
    const removed = await world.client.request(cartRemoveItemV1, { cart, productId: products.tea.id });
    expect(removed.ok && removed.cart.lines.map((line) => line.productId)).toEqual(['oil-5l']);
    const cleared = await world.client.request(cartClearV1, { cart });
    expect(cleared).toMatchObject({ ok: true, cart: { lines: [], total: { amountMinor: 0 } } });

    await eventually(() => updates.items.filter((update) => 'customerId' in update.cart.owner && update.cart.owner.customerId === customerId).length === 6, 'six cart updates');
    const versions = updates.items.filter((update) => 'customerId' in update.cart.owner && update.cart.owner.customerId === customerId).map((update) => update.cart.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(6);
  });

  it('keeps a confirmation until the next change', async () => {
    const cart = { customerId: await newCustomer() };
    await expect(world.client.request(cartConfirmV1, { cart })).resolves.toMatchObject({ ok: false, code: 'CART_EMPTY' });
    await world.client.request(cartAddItemV1, { cart, productId: products.oil.id, quantity: 1 });
    const confirmed = await world.client.request(cartConfirmV1, { cart, actor: { kind: 'customer', customerId: cart.customerId } });
    expect(confirmed.ok && confirmed.cart.confirmedAt).toEqual(expect.any(String));
    const changed = await world.client.request(cartSetQuantityV1, { cart, productId: products.oil.id, quantity: 2 });
    expect(changed.ok && changed.cart.confirmedAt).toBeNull();
  });

  it('refuses bad lines with typed errors and writes nothing', async () => {
    const customerId = await newCustomer();
    const cart = { customerId };
    const cases: [() => Promise<unknown>, string][] = [
      [() => world.client.request(cartAddItemV1, { cart, productId: 'no-such-thing', quantity: 1 }), 'PRODUCT_NOT_FOUND'],
      [() => world.client.request(cartAddItemV1, { cart, productId: products.retired.id, quantity: 1 }), 'PRODUCT_INACTIVE'],
      [() => world.client.request(cartAddItemV1, { cart, productId: products.unpriced.id, quantity: 1 }), 'PRODUCT_UNPRICED'],
      [() => world.client.request(cartAddItemV1, { cart, productId: products.tea.id, quantity: 0 }), 'INVALID_REQUEST'],
      [() => world.client.request(cartAddItemV1, { cart, productId: products.tea.id, quantity: 1000 }), 'INVALID_REQUEST'],
      [() => world.client.request(cartSetQuantityV1, { cart, productId: products.tea.id, quantity: 3 }), 'LINE_NOT_FOUND'],
      [() => world.client.request(cartGetV1, { cart: { customerId: randomUUID() } }), 'CART_NOT_FOUND'],
    ];
    for (const [send, code] of cases) await expect(send()).resolves.toMatchObject({ ok: false, code });
    await world.client.request(cartAddItemV1, { cart, productId: products.tea.id, quantity: 99 });
    await expect(world.client.request(cartAddItemV1, { cart, productId: products.tea.id, quantity: 1 })).resolves.toMatchObject({ ok: false, code: 'QUANTITY_LIMIT' });
    await expect(world.client.request(cartAddItemV1, { cart, productId: products.dollars.id, quantity: 1 })).resolves.toMatchObject({ ok: false, code: 'CURRENCY_MISMATCH' });
    await expect(world.sql(`SELECT "product_id", "quantity" FROM @.cart_line l JOIN @.cart c ON c."id" = l."cart_id" WHERE c."customer_id" = $1`, [customerId])).resolves.toEqual([
      { product_id: 'tea-100', quantity: 99 },
    ]);
  });

  it('takes the price from the catalogue, never from the command', async () => {
    const customerId = await newCustomer();
    const raw = await connect({ servers: process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222' });
    try {
      const subject = world.client.subjectOf(cartAddItemV1);
      const request = { cart: { customerId }, productId: products.oil.id, quantity: 1, unitPrice: { amountMinor: 1, currency: 'CNY' }, price: 1 };
      const answer = await raw.request(subject, JSON.stringify({ meta: { id: randomUUID(), time: new Date().toISOString(), correlationId: 'x' }, payload: request }), { timeout: 5000 });
      const { payload } = answer.json<{ payload: { ok: boolean; cart: { total: { amountMinor: number } } } }>();
      expect(payload.ok).toBe(true);
      expect(payload.cart.total.amountMinor).toBe(16990);
    } finally {
      await raw.close();
    }
  });

  it('answers CATALOGUE_UNAVAILABLE when the catalogue does not answer, writing nothing', async () => {
    const customerId = await newCustomer();
    world.catalogueUp = false;
    try {
      await expect(world.client.request(cartAddItemV1, { cart: { customerId }, productId: products.tea.id, quantity: 1 })).resolves.toMatchObject({
        ok: false,
        code: 'CATALOGUE_UNAVAILABLE',
      });
    } finally {
      world.catalogueUp = true;
    }
    await expect(world.sql(`SELECT 1 FROM @.cart WHERE "customer_id" = $1`, [customerId])).resolves.toEqual([]);
  });

  it("does not let a customer touch someone else's cart", async () => {
    const owner = await newCustomer();
    const intruder = await newCustomer();
    await world.client.request(cartAddItemV1, { cart: { customerId: owner }, productId: products.tea.id, quantity: 1 });
    await expect(
      world.client.request(cartClearV1, { cart: { customerId: owner }, actor: { kind: 'customer', customerId: intruder } }),
    ).resolves.toMatchObject({ ok: false, code: 'CART_NOT_FOUND' });
    const kept = await world.client.request(cartGetV1, { cart: { customerId: owner } });
    expect(kept.ok && kept.cart.lines).toHaveLength(1);
  });

  it("gives an unknown caller's call cart to the customer they become, moved whole", async () => {
    const callPhone = newPhone();
    const callId = await world.startCall(callPhone);
    await eventually(async () => (await world.sql(`SELECT 1 FROM @.call_session WHERE "call_id" = $1`, [callId])).length === 1, 'session');
    const staff = { kind: 'staff' as const, staffId: 'agent-3', callId };
    await world.client.request(cartAddItemV1, { cart: { callId }, productId: products.tea.id, quantity: 1, actor: staff });
    await world.client.request(cartAddItemV1, { cart: { callId }, productId: products.oil.id, quantity: 1, actor: staff });
    const registered = await world.client.request(customerRegisterV1, { phone: callPhone, how: 'agent', callId, actor: staff });
    if (!registered.ok) throw new Error(registered.message);
    const moved = await world.client.request(cartGetV1, { cart: { callId } });
    expect(moved).toMatchObject({ ok: true, cart: { owner: { customerId: registered.customer.customerId } } });
    expect(moved.ok && moved.cart.lines.map((line) => [line.productId, line.quantity])).toEqual([
      ['tea-100', 1],
      ['oil-5l', 1],
    ]);
    const audit = await world.sql<{ action: string }>(`SELECT "action" FROM @.staff_audit WHERE "call_id" = $1 ORDER BY "id"`, [callId]);
    expect(audit.map((entry) => entry.action)).toEqual(['cart.add-item', 'cart.add-item', 'customer.register']);
    await world.endCall(callId);
  });

  it('merges the call cart into the cart a customer already had when the threshold registers the call', async () => {
    const phone = newPhone();
    const callId = await world.startCall(phone);
    await eventually(async () => (await world.sql(`SELECT 1 FROM @.call_session WHERE "call_id" = $1`, [callId])).length === 1, 'session');
    await world.client.request(cartAddItemV1, { cart: { callId }, productId: products.tea.id, quantity: 1 });
    await world.client.request(cartAddItemV1, { cart: { callId }, productId: products.oil.id, quantity: 1 });
    // Meanwhile the caller signs up on the website with the same number and fills a cart there.
    const web = await world.client.request(customerRegisterV1, { phone, how: 'web' });
    if (!web.ok) throw new Error(web.message);
    await world.client.request(cartAddItemV1, { cart: { customerId: web.customer.customerId }, productId: products.tea.id, quantity: 2 });
    await eventually(async () => (await world.sql(`SELECT "customer_id" FROM @.call_session WHERE "call_id" = $1`, [callId]))[0]?.customer_id === web.customer.customerId, 'call linked at the threshold', 5000);
    const merged = await world.client.request(cartGetV1, { cart: { customerId: web.customer.customerId } });
    expect(merged.ok && Object.fromEntries(merged.cart.lines.map((line) => [line.productId, line.quantity]))).toEqual({ 'tea-100': 3, 'oil-5l': 1 });
    await expect(world.sql(`SELECT "status" FROM @.cart WHERE "call_id" = $1`, [callId])).resolves.toEqual([{ status: 'merged' }]);
    await world.endCall(callId);
  });

  it('decides alone whose cart a call means: a caller who signs up on the shop mid-call owns the call cart at the next command', async () => {
    const phone = newPhone();
    const callId = await world.startCall(phone);
    await eventually(async () => (await world.sql(`SELECT 1 FROM @.call_session WHERE "call_id" = $1`, [callId])).length === 1, 'session');
    const first = await world.client.request(cartAddItemV1, { cart: { callId }, productId: products.tea.id, quantity: 1 });
    expect(first).toMatchObject({ ok: true, cart: { owner: { callId } } });
    // The shop registers the number without knowing of the call; the desk still says only "this call".
    const web = await world.client.request(customerRegisterV1, { phone, how: 'web' });
    if (!web.ok) throw new Error(web.message);
    const second = await world.client.request(cartAddItemV1, { cart: { callId }, productId: products.oil.id, quantity: 1 });
    expect(second).toMatchObject({ ok: true, cart: { owner: { customerId: web.customer.customerId } } });
    expect(second.ok && second.cart.lines.map((line) => [line.productId, line.quantity])).toEqual([
      ['tea-100', 1],
      ['oil-5l', 1],
    ]);
    await expect(world.sql(`SELECT "customer_id" FROM @.call_session WHERE "call_id" = $1`, [callId])).resolves.toEqual([{ customer_id: web.customer.customerId }]);
    const byCustomer = await world.client.request(cartGetV1, { cart: { customerId: web.customer.customerId } });
    expect(byCustomer.ok && byCustomer.cart.id).toBe(second.ok && second.cart.id);
    await world.endCall(callId);
  });
});
