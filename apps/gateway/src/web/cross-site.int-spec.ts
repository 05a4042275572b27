import { importRunV1, orderPlaceV1, signInVerifyCodeV1, walletPayV1 } from '@callcart/contracts';
import { WebSocket } from 'ws';
import { ADMIN, type GatewayWorld, startGatewayWorld, TestBrowser } from '../gateway-world.spec-helper';

const CUSTOMER = 'c5000000-0000-4000-8000-000000000001';
const ORDER = 'd5000000-0000-4000-8000-000000000001';
const EVIL = 'http://evil.example';

/**
 * The three cross-site attacks of issue 14 (an admin account created, an order placed and paid,
 * a catalogue uploaded from a page of another origin with the victim's cookie), each refused
 * before anything is relayed or written; and the live socket refused to a foreign page.
 */
describe('gateway: cross-site requests', () => {
  let world: GatewayWorld;
  let admin: TestBrowser;
  let customer: TestBrowser;
  const relayed: string[] = [];

  /** What the victim's browser sends when a foreign page submits a form or fetches with `no-cors`. */
  const forged = (browser: TestBrowser, path: string, init: { contentType: string; body: string; origin?: string; token?: boolean }) =>
    fetch(`${world.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': init.contentType,
        cookie: browser.cookie!,
        ...(init.origin ? { origin: init.origin, 'sec-fetch-site': 'cross-site' } : {}),
        ...(init.token && browser.csrfToken ? { 'x-csrf-token': browser.csrfToken } : {}),
      },
      body: init.body,
    });

  const staffCount = async () => Number((await world.sql<{ n: string }>('SELECT count(*) AS n FROM gateway.staff_account'))[0].n);

  beforeAll(async () => {
    world = await startGatewayWorld();
    admin = new TestBrowser(world.url);
    await admin.signInStaff(ADMIN.username, ADMIN.password);
    await world.services.reply(signInVerifyCodeV1, ({ phone }) => ({ ok: true, customer: { customerId: CUSTOMER, phone }, newlyRegistered: false, verifiedAt: '2030-01-01T00:00:30.000Z' }));
    await world.services.reply(orderPlaceV1, () => {
      relayed.push('order.place');
      return { ok: false, code: 'CART_EMPTY', message: 'the cart is empty' };
    });
    await world.services.reply(walletPayV1, () => {
      relayed.push('wallet.pay');
      return { ok: false, code: 'ORDER_NOT_FOUND', message: 'no such order' };
    });
    await world.services.reply(importRunV1, () => {
      relayed.push('import.run');
      return { ok: false, code: 'IMPORT_FAILED', message: 'not in this test' };
    });
    customer = new TestBrowser(world.url);
    expect((await customer.post('/api/auth/customer/verify-code', { phone: '+8613800000001', code: '123456' })).status).toBe(200);
  });

  afterAll(async () => {
    await world?.close();
  });

  it('refuses an admin account created by a foreign page, form-encoded, as text/plain or without the CSRF token', async () => {
    const before = await staffCount();
    const json = JSON.stringify({ username: 'mallory', password: 'mallory-password-long', role: 'admin' });
    const fromEvil = await forged(admin, '/api/admin/staff', { contentType: 'application/json', body: json, origin: EVIL, token: true });
    expect(fromEvil.status).toBe(403);
    expect(await fromEvil.json()).toMatchObject({ code: 'CROSS_SITE_REQUEST', message: expect.any(String) });
    const sibling = await forged(admin, '/api/admin/staff', { contentType: 'application/json', body: json, origin: world.url.replace(/:\d+$/, ':8080'), token: true });
    expect(sibling.status).toBe(403);
    const form = await forged(admin, '/api/admin/staff', { contentType: 'application/x-www-form-urlencoded', body: 'username=mallory&password=mallory-password-long&role=admin', token: true });
    expect(form.status).toBe(415);
    expect(await form.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    const plain = await forged(admin, '/api/admin/staff', { contentType: 'text/plain', body: json, token: true });
    expect(plain.status).toBe(415);
    const noToken = await forged(admin, '/api/admin/staff', { contentType: 'application/json', body: json });
    expect(noToken.status).toBe(403);
    expect(await noToken.json()).toMatchObject({ code: 'CSRF_TOKEN_INVALID' });
    expect(await staffCount()).toBe(before);
    // the page of the gateway's own origin, with the token, still can
    expect((await admin.post('/api/admin/staff', { username: 'trent', password: 'trent-password-long', role: 'agent' })).status).toBe(201);
    expect(await staffCount()).toBe(before + 1);
  });

  it('refuses an order placed and paid by a foreign page', async () => {
    const key = JSON.stringify({ idempotencyKey: 'forged-order-0001' });
    expect((await forged(customer, '/api/shop/orders', { contentType: 'application/json', body: key, origin: EVIL, token: true })).status).toBe(403);
    expect((await forged(customer, '/api/shop/orders', { contentType: 'text/plain', body: key, token: true })).status).toBe(415);
    expect((await forged(customer, '/api/shop/orders', { contentType: 'application/json', body: key })).status).toBe(403);
    expect((await forged(customer, `/api/shop/orders/${ORDER}/pay`, { contentType: 'application/json', body: key, origin: EVIL, token: true })).status).toBe(403);
    expect((await forged(customer, `/api/shop/orders/${ORDER}/pay`, { contentType: 'application/x-www-form-urlencoded', body: 'idempotencyKey=forged-pay-0001', token: true })).status).toBe(415);
    expect((await forged(customer, `/api/shop/orders/${ORDER}/pay`, { contentType: 'application/json', body: key })).status).toBe(403);
    expect(relayed).toEqual([]);
    // the shop page itself reaches orders
    expect((await customer.post('/api/shop/orders', { idempotencyKey: 'own-order-0001' })).body).toMatchObject({ code: 'CART_EMPTY' });
    expect(relayed).toEqual(['order.place']);
    relayed.length = 0;
  });

  it('refuses a catalogue upload from a foreign page or without the CSRF token', async () => {
    const csv = 'sku,name,price\nX1,Forged,1.00\n';
    const path = '/api/admin/catalogue/imports?fileName=forged.csv';
    expect((await forged(admin, path, { contentType: 'text/csv', body: csv, origin: EVIL, token: true })).status).toBe(403);
    expect((await forged(admin, path, { contentType: 'text/plain', body: csv, origin: EVIL, token: true })).status).toBe(403);
    expect((await forged(admin, path, { contentType: 'text/csv', body: csv })).status).toBe(403);
    expect(relayed).toEqual([]);
  });

  it('hands the CSRF token to a browser that has the session but not the token, so it is never stuck', async () => {
    const oldBrowser = new TestBrowser(world.url);
    oldBrowser.cookie = customer.cookie;
    const reading = new TestBrowser(world.url);
    reading.cookie = customer.cookie;
    expect((await reading.get('/api/auth/me')).status).toBe(200);
    expect(reading.csrfToken).toBe(customer.csrfToken);
    // the refusal of a request without the token hands it over too
    expect((await oldBrowser.post('/api/shop/orders', { idempotencyKey: 'old-browser-0001' })).body).toMatchObject({ code: 'CSRF_TOKEN_INVALID' });
    expect(oldBrowser.csrfToken).toBe(customer.csrfToken);
    expect((await oldBrowser.post('/api/shop/orders', { idempotencyKey: 'old-browser-0002' })).body).toMatchObject({ code: 'CART_EMPTY' });
    relayed.length = 0;
  });

  it('refuses a state change whose Sec-Fetch-Site says another site even without Origin', async () => {
    const response = await fetch(`${world.url}/api/auth/sign-out`, { method: 'POST', headers: { cookie: admin.cookie!, 'x-csrf-token': admin.csrfToken!, 'sec-fetch-site': 'same-site' } });
    expect(response.status).toBe(403);
    expect((await admin.get('/api/auth/me')).status).toBe(200);
  });

  it('refuses the live socket to a page of another origin, and opens it for its own', async () => {
    const open = (origin: string) =>
      new Promise<number>((resolve, reject) => {
        const socket = new WebSocket(`${world.url.replace('http', 'ws')}/api/live`, { headers: { cookie: admin.cookie! }, origin });
        socket.once('open', () => {
          socket.close();
          resolve(101);
        });
        socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
        socket.once('error', reject);
      });
    expect(await open(EVIL)).toBe(403);
    expect(await open('null')).toBe(403);
    expect(await open(world.url)).toBe(101);
  });
});
