import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ALL_STREAMS,
  cartAddItemV1,
  customerRegisterV1,
  customerSetShippingAddressV1,
  orderPlaceV1,
  productGetV1,
  type ProductSummary,
  type ShippingAddress,
  walletPayV1,
  walletTopUpV1,
} from '@callcart/contracts';
import { MessageBus, requestFailure } from '@callcart/messaging';
import { createTestDatabase, createTestNats, eventually, type RunningService, startService, stopService, type TestDatabase, type TestNats } from '@callcart/testing';
import { Client } from 'pg';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildWebApp, CHROMIUM_ARGS, CHROMIUM_PATH, collectPageErrors, SCREENSHOTS, screenText } from './e2e-stack.spec-helper';

/**
 * The admin's orders and fulfilment view in real Chromium, against the built gateway and orders
 * services as processes (the catalogue played by a responder that prices two products): orders
 * listed by state, a cash-on-delivery order opened and marked shipped after the confirmation,
 * after which it is in the Shipped list and out of the ready ones; a customer found by phone
 * with their wallet and orders.
 */
const ADMIN = { username: 'orders-admin', password: 'orders admin password 1' };
const { t, money } = screenText('en');
const PRODUCTS: ProductSummary[] = [
  { id: 'rice-5kg', sku: '410001', name: 'Jasmine rice 5 kg', brand: 'Golden Phoenix', price: { amountMinor: 4500, currency: 'CNY' }, active: true, language: 'en' },
  { id: 'oil-5l', sku: '410002', name: 'Peanut oil 5 L', brand: 'Luhua', price: { amountMinor: 15990, currency: 'CNY' }, active: true, language: 'en' },
];
const address = (recipient: string, phone: string): ShippingAddress => ({ recipient, phone, region: '上海市', city: '上海市', street: '漕溪北路 88 号', country: 'CN' });

describe('admin orders and fulfilment in Chromium', () => {
  let nats: TestNats;
  let database: TestDatabase;
  let orders: RunningService;
  let gateway: RunningService;
  let client: MessageBus;
  let catalogue: MessageBus;
  let db: Client;
  let context: BrowserContext;
  let page: Page;
  const scratch = mkdtempSync(join(tmpdir(), 'callcart-admin-orders-'));
  const pageErrors: string[] = [];
  const placed: Record<'awaiting' | 'paid' | 'cash', { orderId: string; phone: string; totalMinor: number }> = {} as never;

  async function placeOrderFor(phone: string, recipient: string, quantities: number[]): Promise<{ customerId: string; orderId: string; totalMinor: number }> {
    const registered = await client.request(customerRegisterV1, { phone, how: 'agent' });
    if (!registered.ok) throw new Error(registered.message);
    const customerId = registered.customer.customerId;
    await client.request(customerSetShippingAddressV1, { customerId, address: address(recipient, phone) });
    for (const [index, quantity] of quantities.entries()) {
      const added = await client.request(cartAddItemV1, { cart: { customerId }, productId: PRODUCTS[index].id, quantity });
      if (!added.ok) throw new Error(added.message);
    }
    const order = await client.request(orderPlaceV1, { customerId, idempotencyKey: randomUUID(), placedBy: 'agent' });
    if (!order.ok) throw new Error(order.message);
    return { customerId, orderId: order.order.id, totalMinor: order.order.total.amountMinor };
  }

  const stateOf = async (orderId: string) => (await db.query<{ state: string }>(`SELECT "state" FROM orders.customer_order WHERE "id" = $1`, [orderId])).rows[0]?.state;

  beforeAll(async () => {
    const webRoot = join(scratch, 'web');
    buildWebApp(webRoot);
    [nats, database] = await Promise.all([createTestNats(), createTestDatabase()]);
    const env = { NATS_URL: nats.url, NATS_PREFIX: nats.prefix, DATABASE_URL: database.url };
    catalogue = await MessageBus.connect({ servers: nats.url, prefix: nats.prefix, serviceName: 'catalogue', streams: ALL_STREAMS });
    await catalogue.reply(productGetV1, ({ productId }) => {
      const product = PRODUCTS.find((candidate) => candidate.id === productId);
      return product ? { ok: true, product } : requestFailure('NOT_FOUND', `no product ${productId}`);
    });
    [orders, gateway] = await Promise.all([
      startService('orders', { ...env, PAYMENT_WINDOW: '30m', TIMER_POLL_INTERVAL: '100ms' }),
      startService('gateway', { ...env, GATEWAY_ADMIN_USERNAME: ADMIN.username, GATEWAY_ADMIN_PASSWORD: ADMIN.password, GATEWAY_WEB_ROOT: webRoot, GATEWAY_REQUEST_TIMEOUT_MS: '4000' }),
    ]);
    client = await MessageBus.connect({ servers: nats.url, prefix: nats.prefix, serviceName: 'e2e-seed', streams: ALL_STREAMS, requestTimeoutMs: 4000 });
    db = new Client({ connectionString: database.url });
    await db.connect();

    // One order waits for payment, one is paid from the wallet, one runs out its window (cash on delivery).
    const awaiting = await placeOrderFor('+8613900001001', '李建国', [1]);
    const paid = await placeOrderFor('+8613900001002', '张桂英', [2]);
    const topUp = await client.request(walletTopUpV1, { customerId: paid.customerId, amount: { amountMinor: 50000, currency: 'CNY' }, reason: 'paid in at the counter', staffId: 'seed', idempotencyKey: randomUUID() });
    if (!topUp.ok) throw new Error(topUp.message);
    const pay = await client.request(walletPayV1, { orderId: paid.orderId, customerId: paid.customerId, idempotencyKey: randomUUID() });
    if (!pay.ok) throw new Error(pay.message);
    const cash = await placeOrderFor('+8613900001003', '王秀英', [1, 1]);
    await db.query(`UPDATE orders.customer_order SET "payment_due_at" = now() WHERE "id" = $1`, [cash.orderId]);
    await eventually(async () => (await stateOf(cash.orderId)) === 'ready_to_ship', 'the unpaid order to go cash on delivery', 10_000);
    Object.assign(placed, {
      awaiting: { ...awaiting, phone: '+8613900001001' },
      paid: { ...paid, phone: '+8613900001002' },
      cash: { ...cash, phone: '+8613900001003' },
    });

    mkdirSync(SCREENSHOTS, { recursive: true });
    context = await chromium.launchPersistentContext(join(scratch, 'profile'), { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 1000 }, locale: 'en' });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(10_000);
    collectPageErrors(page, pageErrors);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await client?.close();
    await catalogue?.close();
    await db?.end();
    await stopService(gateway);
    await stopService(orders);
    await database?.drop();
    await nats?.cleanup();
    rmSync(scratch, { recursive: true, force: true });
  });

  const section = () => page.getByRole('region', { name: t('fulfilment.region') });
  const tab = (key: string) => section().getByRole('tab', { name: new RegExp(`^${t(`fulfilment.tab.${key}`)} \\(`) });
  const row = (orderId: string) => section().locator(`tr[data-order-id="${orderId}"]`);

  it('lists orders by state, ships a cash-on-delivery order after the confirmation, and it moves to Shipped', async () => {
    await page.goto(`${gateway.url}/admin`);
    await page.getByLabel(t('common.username')).fill(ADMIN.username);
    await page.getByLabel(t('common.password')).fill(ADMIN.password);
    await page.getByRole('button', { name: t('common.signIn') }).click();
    await section().getByRole('heading', { name: t('fulfilment.heading') }).waitFor();

    await row(placed.awaiting.orderId).waitFor();
    await expect(tab('awaiting').textContent()).resolves.toContain('(1)');
    await expect(row(placed.cash.orderId).count()).resolves.toBe(0);

    await tab('cashOnDelivery').click();
    await row(placed.cash.orderId).waitFor();
    await expect(row(placed.paid.orderId).count()).resolves.toBe(0);
    await expect(row(placed.cash.orderId).textContent()).resolves.toContain(money(placed.cash.totalMinor));
    await expect(row(placed.cash.orderId).textContent()).resolves.toContain(placed.cash.phone);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-orders.png'), fullPage: true });

    await row(placed.cash.orderId).getByRole('button', { name: t('fulfilment.open') }).click();
    const details = section().getByRole('article');
    await details.getByText(t('fulfilment.history')).waitFor();
    await expect(details.textContent()).resolves.toContain('王秀英');
    await expect(details.textContent()).resolves.toContain(t('orderState.cash_on_delivery'));
    await details.getByRole('button', { name: t('fulfilment.markShipped') }).click();
    await details.getByText(t('fulfilment.confirmShipCollect', { amount: money(placed.cash.totalMinor) })).waitFor();
    await expect(stateOf(placed.cash.orderId)).resolves.toBe('ready_to_ship');
    await details.getByRole('button', { name: t('fulfilment.yesShip') }).click();
    await details.locator('.order-state', { hasText: t('orderState.shipped') }).waitFor();
    await expect(stateOf(placed.cash.orderId)).resolves.toBe('shipped');
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-order-shipped.png'), fullPage: true });

    await row(placed.cash.orderId).waitFor({ state: 'detached' });
    await tab('shipped').click();
    await row(placed.cash.orderId).waitFor();
    await expect(tab('shipped').textContent()).resolves.toContain('(1)');
    await tab('paid').click();
    await row(placed.paid.orderId).waitFor();
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it("finds a customer by phone number with their wallet and orders, and opens one", async () => {
    const finder = section().getByLabel(t('fulfilment.customerOrders'));
    await finder.getByLabel(t('customers.find')).fill('139 0000 1002');
    await finder.getByRole('button', { name: t('common.search') }).click();
    await finder.getByText(t('customers.wallet', { balance: money(50000 - placed.paid.totalMinor) })).first().waitFor();
    await finder.getByRole('button', { name: t('fulfilment.openLabel', { id: placed.paid.orderId.slice(0, 8) }) }).click();
    await section().getByRole('article', { name: t('fulfilment.details', { id: placed.paid.orderId.slice(0, 8) }) }).getByText(t('fulfilment.paidFromWallet')).waitFor();
    expect(pageErrors).toEqual([]);
  }, 30_000);
});
