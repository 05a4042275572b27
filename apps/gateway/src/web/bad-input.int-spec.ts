import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { Registry } from 'prom-client';
import { WebSocket } from 'ws';
import { ADMIN, type GatewayWorld, startGatewayWorld, TestBrowser } from '../gateway-world.spec-helper';
import { serveMetrics } from './metrics.server';
import { JSON_BODY_LIMIT_BYTES } from './request-body.guard';

/** Bad input that once reached PostgreSQL or the parsers and came back as a 5xx (issue 14): each a 4xx `{ code, message }` now. */
describe('gateway: bad input gets a clear 4xx', () => {
  let world: GatewayWorld;
  let admin: TestBrowser;

  const post = (path: string, body: string | Buffer, headers: Record<string, string>) =>
    fetch(`${world.url}${path}`, { method: 'POST', headers: { ...admin.ownPageHeaders(), ...headers }, body });

  const expectRefusal = async (response: Response, status: number, code?: string) => {
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ code: code ?? expect.any(String), message: expect.any(String) });
  };

  beforeAll(async () => {
    world = await startGatewayWorld({ GATEWAY_TRUST_PROXY: 'loopback' });
    admin = new TestBrowser(world.url);
    await admin.signInStaff(ADMIN.username, ADMIN.password);
  });

  afterAll(async () => {
    await world?.close();
  });

  it('refuses a NUL character in a body, a query or a path with 400, before anything is written', async () => {
    const anonymous = new TestBrowser(world.url);
    const signIn = await anonymous.post('/api/auth/staff/sign-in', { username: 'root\u0000admin', password: 'x' });
    expect(signIn.status).toBe(400);
    expect(signIn.body).toEqual({ code: 'INVALID_REQUEST', message: expect.stringContaining('NUL') });
    const nested = await admin.post('/api/admin/wallet-top-ups', { customerId: 'c5000000-0000-4000-8000-000000000001', amount: { amountMinor: 100, currency: 'CNY' }, reason: 'x\u0000', idempotencyKey: 'top-up-nul-1' });
    expect(nested.status).toBe(400);
    expect((await admin.get('/api/admin/products?q=milk%00')).status).toBe(400);
    expect((await admin.get('/api/admin/catalogue/products/%00')).status).toBe(400);
    expect((await admin.get('/api/admin/staff/%E0%A4%A')).status).toBe(400);
  });

  it('answers a body over the limit 413, an unknown charset or a compressed body 415', async () => {
    const huge = JSON.stringify({ username: 'a', password: 'b'.repeat(JSON_BODY_LIMIT_BYTES) });
    await expectRefusal(await post('/api/admin/staff', huge, { 'content-type': 'application/json' }), 413, 'BODY_TOO_LARGE');
    await expectRefusal(await post('/api/admin/staff', '{}', { 'content-type': 'application/json; charset=klingon' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    await expectRefusal(await post('/api/admin/staff', gzipSync('{}'), { 'content-type': 'application/json', 'content-encoding': 'gzip' }), 415, 'UNSUPPORTED_ENCODING');
    await expectRefusal(await post('/api/admin/staff', '{}', { 'content-type': 'application/json', 'content-encoding': 'klingon' }), 415, 'UNSUPPORTED_ENCODING');
    const manyFields = Array.from({ length: 1500 }, (_, i) => `f${i}=1`).join('&');
    await expectRefusal(await post('/api/admin/staff', manyFields, { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    await expectRefusal(await post('/health', manyFields, { 'content-type': 'application/x-www-form-urlencoded' }), 415);
    await expectRefusal(await post('/api/admin/staff', '{"username":', { 'content-type': 'application/json' }), 400, 'INVALID_REQUEST');
  });

  it('treats a malformed session cookie as no session and clears it: API routes, sign-out and the live socket', async () => {
    const me = await fetch(`${world.url}/api/auth/me`, { headers: { cookie: 'cc_session=%' } });
    await expectRefusal(me, 401, 'UNAUTHENTICATED');
    expect(me.headers.get('set-cookie')).toMatch(/^cc_session=;.*Max-Age=0/);
    const signIn = await fetch(`${world.url}/api/auth/staff/sign-in`, { method: 'POST', headers: { cookie: 'cc_session=%E0%A4%A', 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    expect(signIn.status).toBe(200);
    const signOut = await fetch(`${world.url}/api/auth/sign-out`, { method: 'POST', headers: { cookie: 'cc_session=%' } });
    expect(signOut.status).toBe(204);
    expect(signOut.headers.get('set-cookie')).toMatch(/^cc_session=;/);
    const live = await new Promise<{ status?: number; setCookie?: string | string[] }>((resolve, reject) => {
      const socket = new WebSocket(`${world.url.replace('http', 'ws')}/api/live`, { headers: { cookie: 'cc_session=%' } });
      socket.once('unexpected-response', (_request, response) => resolve({ status: response.statusCode, setCookie: response.headers['set-cookie'] }));
      socket.once('open', () => resolve({ status: 101 }));
      socket.once('error', reject);
    });
    expect(live.status).toBe(401);
    expect(String(live.setCookie)).toMatch(/^cc_session=;/);
  });

  it('sends no X-Powered-By, and HSTS only over HTTPS (here: X-Forwarded-Proto from a trusted proxy)', async () => {
    const plain = await fetch(`${world.url}/api/auth/me`);
    expect(plain.headers.get('x-powered-by')).toBeNull();
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    const proxied = await fetch(`${world.url}/api/auth/me`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(proxied.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
  });

  it('serves /metrics on its own port, not on the public one', async () => {
    const publicMetrics = await fetch(`${world.url}/metrics`);
    await expectRefusal(publicMetrics, 404, 'NOT_FOUND');
    const server = await serveMetrics(world.app.get(Registry), 0, '127.0.0.1');
    try {
      const { port } = server.address() as AddressInfo;
      const scraped = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('process_cpu_seconds_total');
      expect((await fetch(`http://127.0.0.1:${port}/api/auth/me`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
