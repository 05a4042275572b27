import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cartGetV1,
  fixtures,
  orderGetV1,
  signInRequestCodeV1,
  signInVerifyCodeV1,
  type Cart,
} from '@callcart/contracts';
import { loadGatewayConfig } from '../gateway.config';
import { ADMIN, type GatewayWorld, staffBrowser, startGatewayWorld, TestBrowser } from '../gateway-world.spec-helper';

const ALICE = 'a11ce000-0000-4000-8000-000000000001';
const BOB = 'b0b00000-0000-4000-8000-000000000002';
const PHONES: Record<string, string> = { '+8613800000001': ALICE, '+8613800000002': BOB };

const cartOf = (customerId: string): Cart => ({ ...fixtures.customerCart, owner: { customerId } });

describe('gateway sign-in, sessions and access', () => {
  let world: GatewayWorld;
  let webRoot: string;
  const orderGets: unknown[] = [];

  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'callcart-web-'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>callcart web</title>');
    writeFileSync(join(webRoot, 'app.js'), 'console.log("app")');
    world = await startGatewayWorld({ GATEWAY_WEB_ROOT: webRoot });
    await world.services.reply(signInRequestCodeV1, ({ phone }) =>
      PHONES[phone]
        ? { ok: true, phone, expiresAt: '2030-01-01T00:05:00.000Z', resendAfter: '2030-01-01T00:01:00.000Z' }
        : { ok: false, code: 'INVALID_PHONE', message: 'not a phone number' },
    );
    await world.services.reply(signInVerifyCodeV1, ({ phone, code }) =>
      PHONES[phone] && code === '123456'
        ? { ok: true, customer: { customerId: PHONES[phone], phone }, newlyRegistered: false, verifiedAt: '2030-01-01T00:00:30.000Z' }
        : { ok: false, code: 'INVALID_CODE', message: 'wrong code' },
    );
    await world.services.reply(cartGetV1, ({ cart }) =>
      'customerId' in cart ? { ok: true, cart: cartOf(cart.customerId) } : { ok: false, code: 'CART_NOT_FOUND', message: 'no cart' },
    );
    await world.services.reply(orderGetV1, (request) => {
      orderGets.push(request);
      return request.customerId === fixtures.placedOrder.customerId
        ? { ok: true, order: fixtures.placedOrder, payment: null }
        : { ok: false, code: 'ORDER_NOT_FOUND', message: 'no such order' };
    });
  });

  afterAll(async () => {
    await world.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  beforeEach(async () => {
    await world.sql('DELETE FROM gateway.sign_in_attempt');
  });

  async function customer(phone: string): Promise<TestBrowser> {
    const browser = new TestBrowser(world.url);
    expect((await browser.post('/api/auth/customer/request-code', { phone })).status).toBe(200);
    const verified = await browser.post('/api/auth/customer/verify-code', { phone, code: '123456' });
    expect(verified.status).toBe(200);
    return browser;
  }

  it('creates the first admin from configuration, who signs in with a session cookie', async () => {
    const admin = new TestBrowser(world.url);
    const signedIn = await admin.signInStaff(ADMIN.username, ADMIN.password);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ kind: 'staff', username: ADMIN.username, role: 'admin' });
    const [cookie, csrfCookie] = signedIn.headers.getSetCookie();
    expect(cookie).toMatch(/^cc_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(csrfCookie).toMatch(/^cc_csrf=[A-Za-z0-9_-]{43}; Path=\/; SameSite=Strict$/);
    expect((await admin.get('/api/auth/me')).body).toMatchObject({ role: 'admin' });
    const [stored] = await world.sql<{ password_hash: string }>('SELECT password_hash FROM gateway.staff_account WHERE username = $1', [ADMIN.username]);
    expect(stored.password_hash).toMatch(/^scrypt\$/);
    expect(stored.password_hash).not.toContain(ADMIN.password);
    const sessions = await world.sql<{ token_hash: string }>('SELECT token_hash FROM gateway.session');
    expect(sessions.map((row) => row.token_hash)).not.toContain(cookie.split(';')[0].slice('cc_session='.length));
  });

  it('refuses a wrong password and a missing session, and signing out ends the session', async () => {
    const browser = new TestBrowser(world.url);
    const wrong = await browser.signInStaff(ADMIN.username, 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ code: 'INVALID_CREDENTIALS', message: 'wrong username or password' });
    expect((await browser.get('/api/auth/me')).status).toBe(401);
    await browser.signInStaff(ADMIN.username, ADMIN.password);
    const stolenCookie = browser.cookie;
    expect((await browser.post('/api/auth/sign-out')).status).toBe(204);
    expect(browser.cookie).toBeUndefined();
    browser.cookie = stolenCookie;
    expect((await browser.get('/api/auth/me')).status).toBe(401);
  });

  it('backs failed sign-ins off per username and address, leaving other accounts from that address alone', async () => {
    const browser = new TestBrowser(world.url);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) statuses.push((await browser.signInStaff('someone', 'guessing-password')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const limited = await browser.signInStaff('someone', 'guessing-password');
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED' });
    // The wait, for a screen to count down (the shop's sign-in does).
    const { retryAfterSeconds } = limited.body as { retryAfterSeconds?: number };
    expect(retryAfterSeconds).toBeGreaterThan(0);
    expect((limited.body as { message: string }).message).toContain(`try again in ${retryAfterSeconds} s`);
    expect((await browser.signInStaff(ADMIN.username, ADMIN.password)).status).toBe(200);
  });

  it('lets only admins manage staff and answers bad bodies with 400 and the reason', async () => {
    const admin = new TestBrowser(world.url);
    await admin.signInStaff(ADMIN.username, ADMIN.password);
    const short = await admin.post('/api/admin/staff', { username: 'shorty', password: 'short', role: 'agent' });
    expect(short.status).toBe(400);
    expect(short.body).toMatchObject({ code: 'INVALID_REQUEST' });
    expect(String(short.body.message)).toContain('password');
    expect((await admin.post('/api/admin/staff', { username: 'x y', password: 'long enough password', role: 'pilot' })).status).toBe(400);
    const malformed = await fetch(`${world.url}/api/admin/staff`, { method: 'POST', headers: { 'content-type': 'application/json', ...admin.ownPageHeaders() }, body: '{"username":' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: 'INVALID_REQUEST' });
    const agent = await staffBrowser(world, admin, 'agent-one', 'agent');
    expect((await agent.get('/api/admin/staff')).status).toBe(403);
    expect((await agent.post('/api/admin/reindex')).status).toBe(403);
    expect((await agent.get('/api/shop/cart')).status).toBe(403);
    const duplicate = await admin.post('/api/admin/staff', { username: 'agent-one', password: 'another long password', role: 'agent' });
    expect(duplicate.status).toBe(409);
    const manager = await staffBrowser(world, admin, 'cat-manager', 'catalogue-manager');
    expect((await manager.get('/api/admin/staff')).status).toBe(403);
    expect((await manager.get('/api/agent/calls')).status).toBe(403);
    const deactivated = await admin.call('PATCH', `/api/admin/staff/${agent.staffId}`, { active: false });
    expect(deactivated.body).toMatchObject({ active: false });
    expect((await agent.get('/api/auth/me')).status).toBe(401);
  });

  it('maps a missing service to 503 with a code', async () => {
    const admin = new TestBrowser(world.url);
    await admin.signInStaff(ADMIN.username, ADMIN.password);
    const reindex = await admin.post('/api/admin/reindex');
    expect(reindex.status).toBe(503);
    expect(reindex.body).toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('signs a customer in with a one-time code and keeps them to their own account', async () => {
    const wrongCode = await new TestBrowser(world.url).post('/api/auth/customer/verify-code', { phone: '+8613800000001', code: '000000' });
    expect(wrongCode.status).toBe(401);
    expect(wrongCode.body).toMatchObject({ code: 'INVALID_CODE' });
    expect((await new TestBrowser(world.url).post('/api/auth/customer/verify-code', { phone: '+8613800000001', code: '12' })).status).toBe(400);

    const alice = await customer('+8613800000001');
    expect((await alice.get('/api/auth/me')).body).toEqual({ kind: 'customer', customerId: ALICE, phone: '+8613800000001' });
    const own = await alice.get<{ cart: Cart }>('/api/shop/cart');
    expect(own.status).toBe(200);
    expect(own.body.cart.owner).toEqual({ customerId: ALICE });
    expect((await alice.get(`/api/customers/${ALICE}/cart`)).status).toBe(200);
    const others = await alice.get(`/api/customers/${BOB}/cart`);
    expect(others.status).toBe(403);
    expect(others.body).toMatchObject({ code: 'FORBIDDEN' });
    expect((await alice.get(`/api/customers/${BOB}/wallet`)).status).toBe(403);
    const someoneElsesOrder = await alice.get(`/api/shop/orders/${fixtures.placedOrder.id}`);
    expect(someoneElsesOrder.status).toBe(404);
    expect(orderGets).toContainEqual({ orderId: fixtures.placedOrder.id, customerId: ALICE });
    expect((await alice.get('/api/agent/calls')).status).toBe(403);
    expect((await alice.get('/api/admin/staff')).status).toBe(403);
  });

  it('describes its API with OpenAPI', async () => {
    const docs = await new TestBrowser(world.url).get<{ openapi: string; paths: Record<string, unknown> }>('/api/docs-json');
    expect(docs.status).toBe(200);
    expect(docs.body.openapi).toMatch(/^3\./);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/api/agent/availability', '/api/shop/cart', '/api/auth/staff/sign-in', '/api/admin/reindex']),
    );
  });

  it('serves the built web app with security headers and falls back to index.html outside the API', async () => {
    const browser = new TestBrowser(world.url);
    const page = await browser.get('/shop/orders');
    expect(page.status).toBe(200);
    expect(page.body).toContain('callcart web');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await browser.get('/app.js')).body).toContain('console.log');
    const missingApi = await browser.get('/api/no-such-route');
    expect(missingApi.status).toBe(404);
    expect(missingApi.body).toMatchObject({ code: 'NOT_FOUND' });
    expect((await browser.get('/api/docs')).status).toBe(200);
    expect(missingApi.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('gateway configuration', () => {
  it('refuses a first admin password shorter than 12 characters, naming the variable', () => {
    expect(() => loadGatewayConfig({ GATEWAY_ADMIN_USERNAME: 'root', GATEWAY_ADMIN_PASSWORD: 'short' })).toThrow(/GATEWAY_ADMIN_PASSWORD: /);
  });

  it('needs the admin username and password together, and neither by default', () => {
    expect(() => loadGatewayConfig({ GATEWAY_ADMIN_USERNAME: 'root' })).toThrow(/GATEWAY_ADMIN_PASSWORD/);
    expect(loadGatewayConfig({}).firstAdmin).toBeUndefined();
    expect(loadGatewayConfig({ NODE_ENV: 'production' }).devOutbox).toBe(false);
    expect(loadGatewayConfig({ NODE_ENV: 'production', GATEWAY_DEV_OUTBOX: 'true' }).devOutbox).toBe(false);
    expect(loadGatewayConfig({}).devOutbox).toBe(true);
  });
});
