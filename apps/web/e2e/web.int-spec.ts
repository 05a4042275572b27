import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ALL_STREAMS,
  callerIdentifiedV1,
  callStartedV1,
  type Cart,
  type CartOwner,
  cartAddItemV1,
  cartGetV1,
  cartUpdatedV1,
  customerGetV1,
  importProgressV1,
  importRunV1,
  type ImportRunRequestV1,
  matchesFoundV1,
  orderListV1,
  productGetV1,
  type ProductSummary,
  productsSearchV1,
  productUpdateV1,
  type ProductUpdateRequestV1,
  signInRequestCodeV1,
  signInVerifyCodeV1,
  transcriptUpdatedV1,
  walletGetV1,
} from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { createTestDatabase, createTestNats, freePort, spawnService, type ServiceProcess, type TestDatabase, type TestNats, waitForHealthy } from '@callcart/testing';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildWebApp, CHROMIUM_ARGS, CHROMIUM_PATH, collectPageErrors, SCREENSHOTS, webGatewayEnv } from './e2e-stack.spec-helper';

/**
 * End-to-end smoke test of the web app in real Chromium against the built gateway (its own
 * process, fresh database and NATS prefix): the admin signs in and creates an agent, the agent
 * signs in and becomes available, a call is routed to them, and the desk shows the screen pop,
 * the live transcript and the candidates (a product named like HTML renders as text); the admin
 * imports a small CSV (progress on the live socket, then the report) and edits a product's aliases.
 */
const ADMIN = { username: 'e2e-admin', password: 'correct horse battery staple' };
const AGENT = { username: 'desk.agent', password: 'agent password 123' };
const XSS_NAME = '<img src=x onerror=alert(1)>';
const CUSTOMER = { customerId: 'c0ffee00-0000-4000-8000-000000000001', phone: '+8613900000001' };
const CUSTOMER_CART_ID = randomUUID();
const cny = (amountMinor: number) => ({ amountMinor, currency: 'CNY' });

/** A consistent cart (line totals and total add up) of the Nivea cream. */
function creamCart(owner: CartOwner, quantity: number, version: number, id = randomUUID()): Cart {
  return {
    id,
    owner,
    lines: [{ productId: 'W0', sku: '100234', name: 'Nivea Creme 250ml', unitPrice: cny(5900), quantity, lineTotal: cny(5900 * quantity) }],
    total: cny(5900 * quantity),
    confirmedAt: null,
    version,
  };
}
const OIL: ProductSummary = { id: 'P-oil-5l', sku: '200100', name: 'Luhua peanut oil 5L', brand: 'Luhua', price: cny(15990), active: true, language: 'zh' };
const IMPORT_CSV = 'sku,name,price\n300001,Jasmine rice 5kg,45.00\n300002,Broken row,-1\n';

/** A promise with its resolve, for a responder that waits on the test. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('web app in Chromium against the built gateway', () => {
  let nats: TestNats;
  let database: TestDatabase;
  let gateway: ServiceProcess;
  let services: MessageBus;
  let context: BrowserContext;
  let page: Page;
  let url: string;
  const scratch = mkdtempSync(join(tmpdir(), 'callcart-web-e2e-'));
  const pageErrors: string[] = [];
  const imports: ImportRunRequestV1[] = [];
  const productUpdates: ProductUpdateRequestV1[] = [];
  const importHalfway = gate();

  beforeAll(async () => {
    const webRoot = join(scratch, 'web');
    buildWebApp(webRoot);
    [nats, database] = await Promise.all([createTestNats(), createTestDatabase()]);
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    gateway = spawnService('gateway', webGatewayEnv({ nats, databaseUrl: database.url, port, admin: ADMIN, webRoot }));
    services = await MessageBus.connect({ servers: nats.url, prefix: nats.prefix, serviceName: 'e2e-services', streams: ALL_STREAMS, requestTimeoutMs: 2000 });
    // The orders service's answers the desk needs for an unknown caller.
    await services.reply(customerGetV1, () => ({ ok: false, code: 'CUSTOMER_NOT_FOUND', message: 'unknown number' }));
    await services.reply(cartGetV1, ({ cart }) =>
      'customerId' in cart ? { ok: true, cart: creamCart(cart, 1, 1, CUSTOMER_CART_ID) } : { ok: false, code: 'CART_NOT_FOUND', message: 'no cart yet' },
    );
    await services.reply(cartAddItemV1, ({ cart, quantity }) => ({ ok: true, cart: creamCart(cart, quantity, 1) }));
    await services.reply(signInRequestCodeV1, ({ phone }) => ({ ok: true, phone, expiresAt: new Date(Date.now() + 300_000).toISOString(), resendAfter: new Date().toISOString() }));
    await services.reply(signInVerifyCodeV1, ({ code }) =>
      code === '123456'
        ? { ok: true, customer: CUSTOMER, newlyRegistered: false, verifiedAt: new Date().toISOString() }
        : { ok: false, code: 'INVALID_CODE', message: 'wrong code' },
    );
    await services.reply(walletGetV1, ({ customerId }) => ({ ok: true, wallet: { customerId, balance: cny(50000), recentEntries: [] } }));
    await services.reply(orderListV1, () => ({ ok: true, orders: [] }));
    // The catalogue's answers the admin page needs: an import reporting progress twice, a search, one product and its edit.
    await services.reply(importRunV1, async (request) => {
      imports.push(request);
      const counts = { importId: request.importId, file: request.fileName, created: 1, updated: 0, unchanged: 0, rejected: 0 };
      await services.publish(importProgressV1, { ...counts, phase: 'running', linesRead: 1 });
      await importHalfway.promise;
      await services.publish(importProgressV1, { ...counts, phase: 'completed', linesRead: 2, rejected: 1 });
      return { ok: true, importId: request.importId, linesRead: 2, created: 1, updated: 0, unchanged: 0, rejected: 1, rejectedRows: [{ line: 3, reason: 'price: a negative price' }] };
    });
    await services.reply(productsSearchV1, () => ({ ok: true, hits: [{ productId: OIL.id, sku: OIL.sku, name: OIL.name, price: OIL.price, score: 0.9 }], total: 1, confirmationMode: 'ask' as const }));
    await services.reply(productGetV1, ({ productId }) => (productId === OIL.id ? { ok: true, product: OIL } : { ok: false, code: 'NOT_FOUND', message: `no product ${productId}` }));
    await services.reply(productUpdateV1, (request) => {
      productUpdates.push(request);
      return { ok: true, product: { ...OIL, ...(request.changes.active === undefined ? {} : { active: request.changes.active }) }, aliases: request.changes.aliases ?? [] };
    });
    await waitForHealthy(`${url}/health`, 20_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${gateway.output()}`);
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
    context = await chromium.launchPersistentContext(join(scratch, 'profile'), { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 } });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(8_000);
    collectPageErrors(page, pageErrors);
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await services?.close();
    if (gateway && gateway.child.exitCode === null) {
      gateway.child.kill('SIGTERM');
      await gateway.exited();
    }
    await database?.drop();
    await nats?.cleanup();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('admin creates an agent, the agent takes a call and sees the screen pop, transcript and candidates', async () => {
    await page.goto(`${url}/admin`);
    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Staff' }).waitFor();
    await page.locator('input[name="new-username"]').fill(AGENT.username);
    await page.locator('input[name="new-password"]').fill(AGENT.password);
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByText(`Created ${AGENT.username}.`).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'admin.png'), fullPage: true });
    await page.getByRole('button', { name: 'Sign out' }).click();

    await page.goto(`${url}/`);
    await page.getByLabel('Username').fill(AGENT.username);
    await page.getByLabel('Password').fill(AGENT.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('live: open').waitFor();
    await page.getByText('Ctrl+Enter').first().waitFor();
    const availability = page.waitForResponse((response) => response.url().endsWith('/api/agent/availability') && response.ok());
    await page.getByLabel('Available').click();
    await availability;
    await page.locator('input[aria-label="Available"]:checked').waitFor();
    await page.getByText('Waiting for a call…').waitFor();

    const callId = `CAe2e${Date.now()}`;
    const callerNumber = '+8613800138000';
    await services.publish(callStartedV1, { callId, callerNumber, dialledNumber: '+864001234567', startedAt: new Date().toISOString(), provider: { name: 'twilio', callSid: callId, streamSid: 'MZ18ad3ab5a668481ce02b83e7395059f0' } });
    await page.getByText(callerNumber).first().waitFor();
    await page.getByRole('button', { name: 'Answer (Enter)' }).click();
    await page.getByRole('region', { name: 'Call controls' }).waitFor();

    await services.publish(callerIdentifiedV1, { status: 'new', callId, phone: callerNumber, registrationDueAt: new Date(Date.now() + 5 * 60_000).toISOString() });
    await page.getByRole('timer', { name: 'Auto-registration in' }).waitFor();
    await page.getByRole('button', { name: 'Register now' }).waitFor();

    const base = { callId, startMs: 1200, workerId: 'speech-1', language: 'en' as const };
    await services.publish(transcriptUpdatedV1, { ...base, kind: 'final', utteranceId: 'u-1', text: 'two of the nivea hand cream', endMs: 3100, alternatives: [{ text: 'two of the nivea hand cream', confidence: 0.82 }] });
    await services.publish(transcriptUpdatedV1, { ...base, kind: 'interim', utteranceId: 'u-2', text: 'and the', startMs: 4000, stability: 0.4 });
    await services.publish(matchesFoundV1, {
      callId,
      utteranceId: 'u-1',
      mention: 'nivea hand cream',
      quantity: 2,
      hits: [
        { productId: 'W0', sku: '100234', name: 'Nivea Creme 250ml', price: { amountMinor: 5900, currency: 'CNY' }, score: 0.93 },
        { productId: 'W1', sku: '100235', name: XSS_NAME, price: { amountMinor: 1200, currency: 'CNY' }, score: 0.41 },
      ],
      total: 2,
      confirmationMode: 'ask',
      source: 'speech',
    });

    await page.locator('mark.product-mention', { hasText: 'nivea hand cream' }).waitFor();
    await page.locator('.utterance-interim', { hasText: 'and the' }).waitFor();
    await page.getByText('Nivea Creme 250ml').waitFor();
    await page.getByText(XSS_NAME, { exact: true }).waitFor();
    expect(await page.locator('.candidate-list li').count()).toBe(2);
    expect(await page.locator('.candidates-panel img').count()).toBe(0);
    expect(await page.getByLabel('Quantity').inputValue()).toBe('2');
    await page.screenshot({ path: join(SCREENSHOTS, 'desk-call.png'), fullPage: true });

    await page.keyboard.press('1');
    await page.locator('.cart-total', { hasText: 'CN¥118.00' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'desk-cart.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 30_000);

  it('shop: a customer signs in with a code, sees the cart change live, and switches language', async () => {
    await page.goto(`${url}/shop`);
    await page.getByRole('button', { name: /Text me a code|发送验证码/ }).waitFor();
    if (await page.getByRole('button', { name: '发送验证码' }).isVisible()) await page.getByRole('combobox').selectOption('en');
    await page.getByLabel('Phone number').fill(CUSTOMER.phone);
    await page.getByRole('button', { name: 'Text me a code' }).click();
    await page.getByLabel('The 6-digit code').fill('123456');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.cart-total', { hasText: 'CN¥59.00' }).waitFor();
    await page.getByText('CN¥500.00').waitFor();

    await services.publish(cartUpdatedV1, { cart: creamCart({ customerId: CUSTOMER.customerId }, 3, 2, CUSTOMER_CART_ID) });
    await page.locator('.cart-total', { hasText: 'CN¥177.00' }).waitFor();
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { name: '购物车' }).waitFor();
    await page.locator('.cart-total', { hasText: '¥177.00' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'shop.png'), fullPage: true });
    // The choice is remembered in this browser: a reload stays Chinese (and the desk and admin follow it).
    await page.reload();
    await page.getByRole('heading', { name: '购物车' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.getByLabel('语言').selectOption('en');
    await page.getByRole('heading', { name: 'Your cart' }).waitFor();
    expect(pageErrors).toEqual([]);
  }, 20_000);

  it('admin imports a CSV with a progress bar and a rejected-rows report, then edits a product\'s aliases', async () => {
    await page.goto(`${url}/admin`);
    if (await page.getByRole('button', { name: 'Sign out' }).isVisible()) await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('live: open').waitFor();

    await page.locator('input[type="file"]').setInputFiles({ name: 'spring.csv', mimeType: 'text/csv', buffer: Buffer.from(IMPORT_CSV) });
    await page.getByLabel('Import currency').fill('CNY');
    await page.getByRole('button', { name: 'Import' }).click();
    await page.locator('.import-progress', { hasText: 'running, 1 lines read' }).waitFor();
    expect(await page.getByRole('progressbar', { name: 'Import progress' }).getAttribute('value')).toBe('1');
    importHalfway.open();
    const rejected = page.getByRole('table', { name: 'Rejected rows' });
    await rejected.getByText('price: a negative price').waitFor();
    await page.locator('.import-progress', { hasText: 'completed' }).waitFor();
    expect(await rejected.locator('tbody tr').count()).toBe(1);
    expect(await rejected.locator('tbody td').first().textContent()).toBe('3');
    await page.getByText('2 lines read: 1 created, 0 updated, 0 unchanged, 1 rejected.').waitFor();
    expect(imports).toEqual([expect.objectContaining({ fileName: 'spring.csv', format: 'csv', content: IMPORT_CSV, currency: 'CNY', actor: expect.objectContaining({ kind: 'staff' }) })]);

    await page.getByLabel('Product search').fill('peanut oil');
    await page.getByRole('region', { name: 'Products' }).getByRole('button', { name: 'Search' }).click();
    await page.getByRole('button', { name: `Edit ${OIL.sku}` }).click();
    await page.getByRole('heading', { name: `Edit ${OIL.sku} · ${OIL.name}` }).waitFor();
    for (const alias of ['花生油', 'groundnut oil', 'typo']) {
      await page.getByLabel('New alias').fill(alias);
      await page.getByRole('button', { name: 'Add alias' }).click();
    }
    await page.getByRole('button', { name: 'Remove typo' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    await page.locator('.saved-product', { hasText: 'aliases: 花生油, groundnut oil' }).waitFor();
    expect(productUpdates).toEqual([{ productId: OIL.id, changes: { aliases: ['花生油', 'groundnut oil'] }, actor: expect.objectContaining({ kind: 'staff' }) }]);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-import.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 20_000);
});
