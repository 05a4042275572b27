/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_STREAMS, type Cart, cartGetV1, type Order, orderListV1, signInRequestCodeV1, signInVerifyCodeV1, walletGetV1, walletPayV1 } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { createTestDatabase, createTestNats, type RunningService, startService, stopService, type TestDatabase, type TestNats } from '@callcart/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { formatDateTime } from '../src/shared/date.format';
import { buildWebApp, CHROMIUM_ARGS, CHROMIUM_PATH, collectPageErrors, screenText, SCREENSHOTS } from './e2e-stack.spec-helper';

/**
 * Issue 18's shop and admin items in real Chromium against the built gateway and two real
 * catalogue replicas (own database and NATS prefix); the orders service's answers are played by
 * the test, so the shop's sign-in limits, orders and payments are the test's to set.
 * The shop runs at a phone's 390 × 844 px.
 */
const ADMIN = { username: 'shop-e2e-admin', password: 'correct horse battery staple' };
const CUSTOMER = { customerId: 'c0ffee00-0000-4000-8000-000000000018', phone: '+8613900000018' };
const cny = (amountMinor: number) => ({ amountMinor, currency: 'CNY' });
const LONG_NAME = 'Extra-large thermal hot water bottle with knitted cover, lavender scented, for cold winter nights';
const ADDRESS = { recipient: 'Wang Xiuying', phone: CUSTOMER.phone, region: 'Shanghai', city: 'Shanghai', street: '1 Nanjing Road', country: 'CN' };

function line(productId: string, sku: string, name: string, unitMinor: number, quantity: number) {
  return { productId, sku, name, unitPrice: cny(unitMinor), quantity, lineTotal: cny(unitMinor * quantity) };
}
const CART: Cart = {
  id: randomUUID(),
  owner: { customerId: CUSTOMER.customerId },
  lines: [line('P-bottle', '310101', LONG_NAME, 4500, 1), line('P-rice', '300001', 'Jasmine rice 5kg', 4500, 2)],
  total: cny(13500),
  confirmedAt: null,
  version: 1,
};
const ORDER: Order = {
  id: randomUUID(),
  customerId: CUSTOMER.customerId,
  lines: [line('P-cream', '100234', 'Nivea Creme 250ml', 2950, 2)],
  total: cny(5900),
  shippingAddress: ADDRESS,
  state: 'awaiting_payment',
  placedAt: new Date(Date.now() - 60_000).toISOString(),
  paymentDueAt: new Date(Date.now() + 30 * 60_000).toISOString(),
  placedBy: 'agent',
};
const paidOrder = (): Order => ({ ...ORDER, state: 'paid', settlement: { method: 'wallet', settledAt: new Date().toISOString(), amountToCollect: cny(0) } });
/** A catalogue as a spreadsheet exports it: CRLF, a blank line, a name over two lines, a row without a name. */
const IMPORT_CSV = [
  'id,sku,name,category,price',
  ',300001,Jasmine rice 5kg,Groceries,45.00',
  '',
  ',300002,"Tea gift box',
  'with two cups",Groceries,88.00',
  ',300003,,Health,12.00',
  ',300004,Hot water bottle,Health,45.00',
  'tb-7,豹子号,第三套人民币豹子号555一套,Collectibles,120.00',
  '',
].join('\r\n');

describe('issue 18: the shop on a phone and the admin in Chromium against the gateway and two catalogue replicas', () => {
  const { t, money } = screenText('en');
  const scratch = mkdtempSync(join(tmpdir(), 'callcart-shop-admin-e2e-'));
  const pageErrors: string[] = [];
  const codeRequests: string[] = [];
  const payments: string[] = [];
  let orderState: 'awaiting_payment' | 'paid' = 'awaiting_payment';
  let nats: TestNats;
  let database: TestDatabase;
  let bus: MessageBus;
  let gateway: RunningService;
  const catalogues: RunningService[] = [];
  let browser: Browser;
  let url = '';

  const newPage = async (viewport: { width: number; height: number }, locale = 'en-US'): Promise<Page> => {
    const context = await browser.newContext({ viewport, locale });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    collectPageErrors(page, pageErrors);
    return page;
  };
  const signInAdmin = async (page: Page) => {
    await page.goto(`${url}/admin`);
    await page.getByLabel(t('common.username')).fill(ADMIN.username);
    await page.getByLabel(t('common.password')).fill(ADMIN.password);
    await page.getByRole('button', { name: t('common.signIn') }).click();
    await page.getByText('live: open').waitFor();
  };
  const staffSignIn = (username: string, password: string) =>
    fetch(`${url}/api/auth/staff/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify({ username, password }) }).then((response) => response.status);

  beforeAll(async () => {
    const webRoot = join(scratch, 'web');
    buildWebApp(webRoot);
    [nats, database] = await Promise.all([createTestNats(), createTestDatabase()]);
    const baseEnv = { NATS_URL: nats.url, NATS_PREFIX: nats.prefix, DATABASE_URL: database.url };
    bus = await MessageBus.connect({ servers: nats.url, prefix: nats.prefix, serviceName: 'e2e-orders', streams: ALL_STREAMS, requestTimeoutMs: 2000 });
    // The orders service as the shop needs it: a code that may be sent again after 2 s, a cart, one unpaid order, a wallet.
    await bus.reply(signInRequestCodeV1, ({ phone }) => {
      codeRequests.push(phone);
      return { ok: true, phone: CUSTOMER.phone, expiresAt: new Date(Date.now() + 300_000).toISOString(), resendAfter: new Date(Date.now() + 2_000).toISOString() };
    });
    await bus.reply(signInVerifyCodeV1, ({ code }) =>
      code === '123456' ? { ok: true, customer: CUSTOMER, newlyRegistered: false, verifiedAt: new Date().toISOString() } : { ok: false, code: 'INVALID_CODE', message: 'wrong code' },
    );
    await bus.reply(cartGetV1, () => ({ ok: true, cart: CART }));
    await bus.reply(walletGetV1, ({ customerId }) => ({ ok: true, wallet: { customerId, balance: cny(orderState === 'paid' ? 44100 : 50000), recentEntries: [] } }));
    await bus.reply(orderListV1, () => ({
      ok: true,
      orders: [orderState === 'paid' ? paidOrder() : ORDER],
    }));
    await bus.reply(walletPayV1, ({ orderId, customerId }) => {
      payments.push(orderId);
      orderState = 'paid';
      return { ok: true, payment: { orderId, customerId, method: 'wallet' as const, amount: ORDER.total, settledAt: new Date().toISOString() }, balance: cny(44100) };
    });
    catalogues.push(await startService('catalogue', baseEnv), await startService('catalogue', baseEnv));
    gateway = await startService('gateway', {
      ...baseEnv,
      GATEWAY_ADMIN_USERNAME: ADMIN.username,
      GATEWAY_ADMIN_PASSWORD: ADMIN.password,
      GATEWAY_WEB_ROOT: webRoot,
      GATEWAY_REQUEST_TIMEOUT_MS: '3000',
    });
    url = gateway.url;
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--disable-quic'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await bus?.close();
    await stopService(gateway);
    await Promise.all(catalogues.map((catalogue) => stopService(catalogue)));
    await database?.drop();
    await nats?.cleanup();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('shop sign-in: says what it is for, names the tab, and offers the code again once the wait is over', async () => {
    const page = await newPage({ width: 390, height: 844 });
    await page.goto(`${url}/shop`);
    await page.getByRole('heading', { name: t('shop.signInHeading') }).waitFor();
    await page.getByText(t('shop.signInPurpose')).waitFor();
    expect(await page.title()).toBe(t('shop.pageSignIn'));
    await page.getByLabel(t('shop.phone')).fill('139 0000 0018');
    await page.getByRole('button', { name: t('shop.sendCode') }).click();
    await page.getByRole('timer', { name: t('shop.resendIn') }).waitFor();
    expect(await page.getByRole('button', { name: t('shop.resend') }).count()).toBe(0);
    expect(await page.title()).toBe(t('shop.pageCode'));
    await page.getByRole('button', { name: t('shop.resend') }).click();
    await page.getByRole('timer', { name: t('shop.resendIn') }).waitFor();
    expect(codeRequests).toEqual(['139 0000 0018', '139 0000 0018']);
    await page.getByLabel(t('shop.code')).fill('123456');
    await page.getByRole('button', { name: t('common.signIn') }).click();
    await page.getByRole('heading', { name: t('shop.cart') }).waitFor();
    await page.context().close();
    expect(pageErrors).toEqual([]);
  }, 30_000);

  it('shop cart at 390 px with the text size doubled: no sideways scroll, − and + side by side, tap targets of 44 px', async () => {
    const page = await newPage({ width: 390, height: 844 });
    await signInCustomer(page);
    await page.locator('.cart-total', { hasText: money(13500) }).waitFor();
    await page.evaluate(() => {
      document.documentElement.style.fontSize = '200%';
    });
    const layout = await page.evaluate(() => {
      const box = (element: Element | null) => element?.getBoundingClientRect().toJSON() as DOMRect;
      const row = document.querySelector('table.cart tbody tr');
      const buttons = [...(row?.querySelectorAll('button') ?? [])].map(box);
      return {
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
        header: box(document.querySelector('.topbar')),
        name: box(row?.querySelector('.product-name') ?? null),
        minus: buttons[0],
        plus: buttons[1],
        remove: buttons[2],
        nameText: row?.querySelector('.product-name')?.textContent,
        // What sticks out on the right, named, so a failure says where to look.
        overflowing: [...document.querySelectorAll('body *')]
          .filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
          .map((element) => `${element.tagName.toLowerCase()}.${element.className} ${Math.round(element.getBoundingClientRect().right)}`)
          .slice(0, 10),
      };
    });
    await page.screenshot({ path: join(SCREENSHOTS, 'shop-cart-390-font-200.png'), fullPage: true });
    expect(layout.overflowing).toEqual([]);
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
    expect(layout.header.right).toBeLessThanOrEqual(390);
    expect(layout.name.right).toBeLessThanOrEqual(390);
    expect(layout.nameText).toBe(LONG_NAME); // wrapped, not cut
    expect(Math.abs(layout.minus.top - layout.plus.top)).toBeLessThan(2);
    expect(layout.minus.right).toBeLessThanOrEqual(layout.plus.left);
    for (const target of [layout.minus, layout.plus, layout.remove]) {
      expect(target.width).toBeGreaterThanOrEqual(44);
      expect(target.height).toBeGreaterThanOrEqual(44);
    }
    await page.context().close();
    expect(pageErrors).toEqual([]);
  }, 30_000);

  it('shop payment step in Chinese: the deadline as a Chinese date and time, the tab titled in Chinese', async () => {
    const zh = screenText('zh-CN');
    const page = await newPage({ width: 390, height: 844 }, 'zh-CN');
    await signInCustomer(page, zh.t);
    const box = page.getByRole('article', { name: zh.t('shop.orderOf', { date: formatDateTime(ORDER.placedAt, 'zh-CN') }) });
    await box.getByText(zh.t('shop.codFallback', { time: formatDateTime(ORDER.paymentDueAt, 'zh-CN'), amount: zh.money(5900) })).waitFor();
    await box.getByRole('button', { name: zh.t('shop.payAmount', { amount: zh.money(5900) }) }).waitFor();
    expect(await page.title()).toBe(zh.t('shop.pagePay'));
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'shop-zh-CN-payment-step-390.png'), fullPage: true });
    await page.context().close();
    expect(pageErrors).toEqual([]);
  }, 30_000);

  it('shop payment step: the items beside the amount, the cash-on-delivery sentence with the time, a confirmation, then thanks', async () => {
    const page = await newPage({ width: 390, height: 844 });
    await signInCustomer(page);
    const box = page.getByRole('article', { name: t('shop.orderOf', { date: formatDateTime(ORDER.placedAt, 'en') }) });
    await box.getByText('2 × Nivea Creme 250ml').waitFor();
    await box.getByText(money(5900)).first().waitFor();
    await box.getByText(t('shop.codFallback', { time: formatDateTime(ORDER.paymentDueAt, 'en'), amount: money(5900) })).waitFor();
    expect(await page.title()).toBe(t('shop.pagePay'));
    const pay = box.getByRole('button', { name: t('shop.payAmount', { amount: money(5900) }) });
    // One line of text: the label never breaks into pieces.
    expect(await pay.evaluate((button) => { const range = document.createRange(); range.selectNodeContents(button); return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size; })).toBe(1);
    await pay.click();
    await box.getByText(t('shop.confirmPay', { amount: money(5900), balance: money(44100) })).waitFor();
    expect(payments).toEqual([]); // nothing leaves the wallet before the confirmation
    await page.screenshot({ path: join(SCREENSHOTS, 'shop-payment-step-390.png'), fullPage: true });
    await box.getByRole('button', { name: t('shop.confirmYes') }).click();
    await page.getByRole('status').filter({ hasText: t('shop.paidThanks', { amount: money(5900) }) }).waitFor();
    expect(payments).toEqual([ORDER.id]);
    await page.getByText(money(44100)).first().waitFor();
    expect(await page.getByRole('article').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'shop-paid-390.png'), fullPage: true });
    await page.context().close();
    expect(pageErrors).toEqual([]);
  }, 30_000);

  it('admin staff: change a role, deactivate, reset the password, each confirmed, with the list refreshed and errors in words', async () => {
    const page = await newPage({ width: 1280, height: 900 });
    await signInAdmin(page);
    await page.locator('input[name="new-username"]').fill('night.agent');
    await page.locator('input[name="new-password"]').fill('first password 123');
    await page.getByRole('button', { name: t('admin.staff.create') }).click();
    await page.getByText(t('admin.staff.created', { username: 'night.agent' })).waitFor();
    const row = page.locator('tr[data-staff="night.agent"]');

    await page.getByLabel(t('admin.staff.roleOf', { username: 'night.agent' })).selectOption('catalogue-manager');
    await page.getByText(t('admin.staff.confirmRole', { username: 'night.agent', role: t('admin.staff.roles.catalogue-manager') })).waitFor();
    await page.getByRole('button', { name: t('common.yes') }).click();
    await page.getByText(t('admin.staff.roleChanged', { username: 'night.agent', role: t('admin.staff.roles.catalogue-manager') })).waitFor();
    expect(await page.getByLabel(t('admin.staff.roleOf', { username: 'night.agent' })).inputValue()).toBe('catalogue-manager');

    await row.getByRole('button', { name: t('admin.staff.deactivate') }).click();
    await page.getByText(t('admin.staff.confirmDeactivate', { username: 'night.agent' })).waitFor();
    await page.getByRole('button', { name: t('common.yes') }).click();
    await page.getByText(t('admin.staff.deactivated', { username: 'night.agent' })).waitFor();
    await row.getByText(t('admin.staff.inactive')).waitFor();
    expect(await staffSignIn('night.agent', 'first password 123')).toBe(401);

    await row.getByRole('button', { name: t('admin.staff.reactivate') }).click();
    await page.getByRole('button', { name: t('common.yes') }).click();
    await page.getByText(t('admin.staff.reactivated', { username: 'night.agent' })).waitFor();

    await row.getByRole('button', { name: t('admin.staff.resetPassword') }).click();
    const newPassword = page.getByLabel(t('admin.staff.newPasswordFor', { username: 'night.agent' }));
    await newPassword.fill('too short');
    await page.getByRole('button', { name: t('common.yes') }).click();
    await page.getByRole('alert').filter({ hasText: t('admin.staff.passwordTooShort') }).waitFor();
    await newPassword.fill('second password 456');
    await page.getByText(t('admin.staff.confirmReset', { username: 'night.agent' })).waitFor();
    await page.getByRole('button', { name: t('common.yes') }).click();
    await page.getByText(t('admin.staff.passwordReset', { username: 'night.agent' })).waitFor();
    expect(await staffSignIn('night.agent', 'first password 123')).toBe(401);
    expect(await staffSignIn('night.agent', 'second password 456')).toBe(200);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-staff.png'), fullPage: true });
    await page.context().close();
    expect(pageErrors).toEqual([]);
  }, 30_000);

  it('admin import report: lines as the file counts them, "name is required" and an item number replaced; search refreshes after a save, browses by category; reindex per replica without host names', async () => {
    const page = await newPage({ width: 1280, height: 900 });
    await signInAdmin(page);
    await page.locator('input[type="file"]').setInputFiles({ name: 'spring.csv', mimeType: 'text/csv', buffer: Buffer.from(IMPORT_CSV) });
    await page.getByLabel(t('admin.import.currencyLabel')).fill('CNY');
    await page.getByRole('button', { name: t('admin.import.start') }).click();
    const rejected = page.getByRole('table', { name: t('admin.import.rejectedRows') });
    await rejected.waitFor();
    expect(await rejected.locator('tbody tr').allInnerTexts()).toEqual(['6\tname is required']);
    const noted = page.getByRole('table', { name: t('admin.import.notedRows') });
    expect(await noted.locator('tbody tr').allInnerTexts()).toEqual([expect.stringMatching(/^8\titem number "豹子号" is not one callcart can use .*"豹子号" is another name of it$/)]);

    const products = page.getByRole('region', { name: t('admin.products.region') });
    await products.getByLabel(t('admin.products.searchLabel')).fill('jasmine rice');
    await products.getByRole('button', { name: t('common.search') }).click();
    await products.getByText('Jasmine rice 5kg').waitFor();
    expect(await products.locator('table').innerText()).not.toMatch(/0\.\d\d|mode|ask|item-number/);
    await products.getByRole('button', { name: t('admin.products.editLabel', { sku: '300001' }) }).click();
    await page.locator('.product-editor').getByLabel(t('admin.editor.name'), { exact: true }).fill('Jasmine rice 10kg');
    await page.getByRole('button', { name: t('admin.editor.save') }).click();
    await page.getByText(t('admin.editor.saved')).waitFor();
    await products.locator('table.product-hits').getByText('Jasmine rice 10kg').waitFor();

    await products.getByLabel(t('admin.products.searchLabel')).fill('');
    await products.getByLabel(t('admin.products.browseLabel')).selectOption('Health');
    await products.getByRole('button', { name: t('common.search') }).click();
    await products.locator('table.product-hits').getByText('Hot water bottle').waitFor();
    expect(await products.locator('table.product-hits tbody tr').count()).toBe(1);

    await page.getByRole('button', { name: t('admin.reindex.start') }).click();
    const reindex = page.getByRole('region', { name: t('admin.reindex.region') });
    for (const index of [1, 2]) await reindex.getByText(`${t('admin.reindex.replica', { index, count: 2 })}: ${t('admin.reindex.done', { count: 4, version: '' }).split(' (')[0]}`).waitFor();
    expect(await page.locator('body').innerText()).not.toContain(hostname());
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-import-search-reindex.png'), fullPage: true });
    await page.context().close();
    expect(pageErrors).toEqual([]);
  }, 40_000);

  async function signInCustomer(page: Page, text = t): Promise<void> {
    await page.goto(`${url}/shop`);
    await page.getByLabel(text('shop.phone')).fill(CUSTOMER.phone);
    await page.getByRole('button', { name: text('shop.sendCode') }).click();
    await page.getByLabel(text('shop.code')).fill('123456');
    await page.getByRole('button', { name: text('common.signIn') }).click();
    await page.getByRole('heading', { name: text('shop.cart') }).waitFor();
  }
});
