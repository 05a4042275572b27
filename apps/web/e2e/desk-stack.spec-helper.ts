import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  ALL_STREAMS,
  type Cart,
  type CartAddItemRequestV1,
  cartAddItemV1,
  callerIdentifiedV1,
  cartGetV1,
  type CartOwner,
  cartUpdatedV1,
  customerGetV1,
  type Order,
  orderListV1,
  orderPlaceV1,
  type ProductHit,
  productBySkuV1,
  productsSearchV1,
  type ReturningCallerV1,
  type ShippingAddress,
  walletGetV1,
} from '@callcart/contracts';
import { GatewayClient } from '@callcart/gateway-client';
import { MessageBus } from '@callcart/messaging';
import { createTestDatabase, createTestNats, freePort, spawnService, type ServiceProcess, type TestDatabase, type TestNats, waitForHealthy } from '@callcart/testing';
import { buildWebApp, webGatewayEnv } from './e2e-stack.spec-helper';

/**
 * The desk suite's stack: the built web app served by a real gateway process on its own
 * database and NATS prefix, with orders and catalogue played by the test on NATS (recording what
 * the desk asked for), and an agent account made through the admin API.
 */
export const DESK_AGENT = { username: 'desk.calls', password: 'agent password 123' };
const ADMIN = { username: 'desk-admin', password: 'correct horse battery staple' };
export const cny = (amountMinor: number) => ({ amountMinor, currency: 'CNY' });
export const SHANGHAI: ShippingAddress = { recipient: 'Wang Xiuying', phone: '+8613800138000', region: 'Shanghai', city: 'Shanghai', district: 'Xuhui', street: '88 Caoxi North Road', country: 'CN' };

export interface DeskServices {
  url: string;
  bus: MessageBus;
  customers: { first: string; second: string };
  /** Every add-to-cart request the desk made, in order. */
  added: CartAddItemRequestV1[];
  searches: Array<{ query: string; limit: number }>;
  placed: Order[];
  orderLists: Array<{ customerId: string; limit: number }>;
  /** The wallet balance orders reports per customer (minor units); 500.00 unless set. */
  walletBalance: Map<string, number>;
  stop: () => Promise<void>;
}

/** A returning caller with an address and CN¥500 in the wallet. */
export function returningCaller(callId: string, customerId: string): ReturningCallerV1 {
  return {
    status: 'returning',
    callId,
    customer: {
      customerId,
      phone: '+8613800138000',
      name: 'Wang Xiuying',
      defaultAddress: SHANGHAI,
      walletBalance: cny(50000),
      recentOrders: [],
      openCart: null,
    },
  };
}

function cartOf(owner: CartOwner, hits: ProductHit[], id: string, version: number): Cart {
  const lines = hits.map((hit) => ({ productId: hit.productId, sku: hit.sku, name: hit.name, unitPrice: hit.price ?? cny(0), quantity: 1, lineTotal: hit.price ?? cny(0) }));
  return { id, owner, lines, total: cny(lines.reduce((sum, line) => sum + line.lineTotal.amountMinor, 0)), confirmedAt: null, version };
}

/**
 * Starts the gateway (built web app, its own database and NATS prefix) with orders and the
 * catalogue answered here; `inactive` products refuse to go in a cart. `gatewayEnv` adds to the gateway's environment (short ring and wrap-up times),
 * `agents` are created besides {@link DESK_AGENT}.
 */
export async function startDeskStack(
  scratch: string,
  catalogue: { searchable: ProductHit[]; inactive: string[] },
  options: { gatewayEnv?: Record<string, string>; agents?: ReadonlyArray<{ username: string; password: string }> } = {},
): Promise<DeskServices> {
  const webRoot = join(scratch, 'web');
  buildWebApp(webRoot);
  const [nats, database]: [TestNats, TestDatabase] = await Promise.all([createTestNats(), createTestDatabase()]);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const gateway: ServiceProcess = spawnService('gateway', { ...webGatewayEnv({ nats, databaseUrl: database.url, port, admin: ADMIN, webRoot }), ...options.gatewayEnv });
  const bus = await MessageBus.connect({ servers: nats.url, prefix: nats.prefix, serviceName: 'e2e-desk-services', streams: ALL_STREAMS, requestTimeoutMs: 2000 });
  const services: DeskServices = {
    url,
    bus,
    customers: { first: randomUUID(), second: randomUUID() },
    added: [],
    searches: [],
    placed: [],
    orderLists: [],
    walletBalance: new Map(),
    stop: async () => {
      await bus.close();
      if (gateway.child.exitCode === null) {
        gateway.child.kill('SIGTERM');
        await gateway.exited();
      }
      await database.drop();
      await nats.cleanup();
    },
  };
  const carts = new Map<string, Cart>();
  // Like orders (decision 0008): the desk names the call's cart, and a call whose caller is a
  // known customer means that customer's cart.
  const callers = new Map<string, string>();
  await bus.subscribe(callerIdentifiedV1, (identified) => {
    if (identified.status === 'returning') callers.set(identified.callId, identified.customer.customerId);
  });
  const ownerOf = (owner: CartOwner): CartOwner => {
    const customerId = 'callId' in owner ? callers.get(owner.callId) : undefined;
    return customerId ? { customerId } : owner;
  };
  const keyOf = (owner: CartOwner) => {
    const resolved = ownerOf(owner);
    return 'customerId' in resolved ? resolved.customerId : resolved.callId;
  };
  const byId = new Map(catalogue.searchable.map((hit) => [hit.productId, hit]));

  await bus.reply(customerGetV1, () => ({ ok: false, code: 'CUSTOMER_NOT_FOUND', message: 'unknown number' }));
  await bus.reply(cartGetV1, ({ cart }) => {
    const found = carts.get(keyOf(cart));
    return found ? { ok: true, cart: found } : { ok: false, code: 'CART_NOT_FOUND', message: 'no cart yet' };
  });
  await bus.reply(cartAddItemV1, (request) => {
    services.added.push(request);
    const hit = byId.get(request.productId);
    if (!hit) return { ok: false, code: 'PRODUCT_NOT_FOUND', message: `no product ${request.productId}` };
    if (catalogue.inactive.includes(hit.productId)) return { ok: false, code: 'PRODUCT_INACTIVE', message: `${hit.productId} is inactive` };
    const before = carts.get(keyOf(request.cart));
    const cart = cartOf(ownerOf(request.cart), [...(before?.lines.map((line) => byId.get(line.productId)!) ?? []), hit], before?.id ?? randomUUID(), (before?.version ?? 0) + 1);
    carts.set(keyOf(request.cart), cart);
    return { ok: true, cart };
  });
  await bus.reply(productsSearchV1, ({ query = '', limit }) => {
    services.searches.push({ query, limit });
    const words = query.toLowerCase().split(/\s+/);
    const hits = catalogue.searchable.filter((hit) => words.every((word) => hit.name.toLowerCase().includes(word)));
    // This catalogue's CONFIRM_LIST_MAX is 12: up to twelve candidates are read out.
    return { ok: true, hits: hits.slice(0, limit), total: hits.length, confirmationMode: hits.length > 12 ? ('item-number' as const) : ('ask' as const) };
  });
  await bus.reply(productBySkuV1, ({ sku }) => ({ ok: false, code: 'NOT_FOUND', message: `no product ${sku}` }));
  await bus.reply(orderPlaceV1, async ({ customerId, callId }) => {
    const cart = carts.get(customerId);
    if (!cart?.lines.length) return { ok: false, code: 'CART_EMPTY', message: 'empty cart' };
    const now = new Date();
    const order: Order = {
      id: randomUUID(),
      customerId,
      lines: cart.lines,
      total: cart.total,
      shippingAddress: SHANGHAI,
      state: 'awaiting_payment',
      placedAt: now.toISOString(),
      paymentDueAt: new Date(now.getTime() + 24 * 3600_000).toISOString(),
      placedBy: 'agent',
      ...(callId ? { callId } : {}),
    };
    services.placed.push(order);
    // Orders starts the customer over with an empty cart and announces it (as the real one does).
    const fresh = cartOf({ customerId }, [], randomUUID(), 0);
    carts.set(customerId, fresh);
    await bus.publish(cartUpdatedV1, { cart: fresh });
    return { ok: true, order };
  });
  await bus.reply(walletGetV1, ({ customerId }) => ({ ok: true, wallet: { customerId, balance: cny(services.walletBalance.get(customerId) ?? 50000), recentEntries: [] } }));
  await bus.reply(orderListV1, ({ customerId, limit }) => {
    services.orderLists.push({ customerId, limit });
    const shipped: Order = { ...services.placed[0]!, id: randomUUID(), state: 'shipped', placedAt: '2025-02-20T03:15:00.000Z' };
    return { ok: true, orders: [...services.placed.filter((order) => order.customerId === customerId), ...(services.placed[0] ? [shipped] : [])] };
  });

  await waitForHealthy(`${url}/health`, 20_000).catch((error: Error) => {
    throw new Error(`${error.message}\n${gateway.output()}`);
  });
  const admin = await GatewayClient.signInStaff(url, ADMIN.username, ADMIN.password);
  for (const agent of [DESK_AGENT, ...(options.agents ?? [])]) await admin.post('/api/admin/staff', { ...agent, role: 'agent' });
  return services;
}
