import { signInRequestCodeV1, signInVerifyCodeV1, smsOutboxListV1, walletTopUpV1 } from '@callcart/contracts';
import { eventually } from '@callcart/testing';
import { ADMIN, type GatewayWorld, staffBrowser, startGatewayWorld, TestBrowser } from '../gateway-world.spec-helper';

const OWNER_PHONE = '+8613800000009';
const OWNER_ID = '0e0e0000-0000-4000-8000-000000000009';
/** The attacker connects from another loopback address, so the gateway sees another client. */
const ATTACKER_ADDRESS = '127.0.0.2';

describe('gateway: no lockout anyone can cause, and sessions that end', () => {
  let world: GatewayWorld;
  const codeRequests: { phone: string; requestedFrom?: string }[] = [];
  const topUps: { staffRole?: string }[] = [];

  beforeAll(async () => {
    world = await startGatewayWorld({ GATEWAY_SIGN_IN_BACKOFF_BASE_SECONDS: '1', GATEWAY_SESSION_MAX_HOURS: '12' });
    await world.services.reply(signInRequestCodeV1, (request) => {
      codeRequests.push(request);
      return { ok: true, phone: OWNER_PHONE, expiresAt: '2030-01-01T00:05:00.000Z', resendAfter: '2030-01-01T00:01:00.000Z' };
    });
    await world.services.reply(signInVerifyCodeV1, ({ code }) =>
      code === '123456'
        ? { ok: true, customer: { customerId: OWNER_ID, phone: OWNER_PHONE }, newlyRegistered: false, verifiedAt: '2030-01-01T00:00:30.000Z' }
        : { ok: false, code: 'INVALID_CODE', message: 'wrong code' },
    );
    await world.services.reply(smsOutboxListV1, () => ({ ok: true, messages: [] }));
    await world.services.reply(walletTopUpV1, (request) => {
      topUps.push(request);
      return { ok: false, code: 'TOP_UP_LIMIT', message: 'a admin may top up at most 10000000 (CNY minor units) at once' };
    });
  });

  afterAll(async () => {
    await world.close();
  });

  beforeEach(async () => {
    await world.sql('DELETE FROM gateway.sign_in_attempt');
  });

  it('lets the owner sign in from their address while an attacker hammers the admin account from another', async () => {
    const attacker = new TestBrowser(world.url, ATTACKER_ADDRESS);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 20; attempt += 1) statuses.push((await attacker.signInStaff(ADMIN.username, 'not the password at all')).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toContain(429);
    // Attempts refused while backing off are not counted: the wait does not grow with hammering.
    const counted = await world.sql<{ count: string }>(`SELECT count(*) FROM gateway.sign_in_attempt WHERE key = $1`, [`staff:${ADMIN.username}|ip:${ATTACKER_ADDRESS}`]);
    expect(Number(counted[0].count)).toBe(statuses.filter((status) => status === 401).length);

    const owner = new TestBrowser(world.url);
    const signedIn = await owner.signInStaff(ADMIN.username, ADMIN.password);
    expect(signedIn.status).toBe(200);
    // Backoff, not a lock: once the wait is over the attacker may try again (and is told no, not 429).
    await eventually(async () => (await attacker.signInStaff(ADMIN.username, 'not the password at all')).status === 401, 'the backoff to end', 30_000);
  });

  it('lets the owner get and use a sign-in code while an attacker asks for codes and guesses from another address', async () => {
    const attacker = new TestBrowser(world.url, ATTACKER_ADDRESS);
    const requests: number[] = [];
    for (let attempt = 0; attempt < 10; attempt += 1) requests.push((await attacker.post('/api/auth/customer/request-code', { phone: '138 0000 0009' })).status);
    expect(requests).toContain(429);
    const guesses: number[] = [];
    for (let attempt = 0; attempt < 10; attempt += 1) guesses.push((await attacker.post('/api/auth/customer/verify-code', { phone: OWNER_PHONE, code: '000000' })).status);
    expect(guesses).toContain(429);

    const owner = new TestBrowser(world.url);
    expect((await owner.post('/api/auth/customer/request-code', { phone: OWNER_PHONE })).status).toBe(200);
    expect(codeRequests.at(-1)).toEqual({ phone: OWNER_PHONE, requestedFrom: '127.0.0.1' });
    const verified = await owner.post('/api/auth/customer/verify-code', { phone: OWNER_PHONE, code: '123456' });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ kind: 'customer', customerId: OWNER_ID });
  });

  it('keys a phone number by its E.164 form however it is written', async () => {
    const browser = new TestBrowser(world.url, ATTACKER_ADDRESS);
    for (const written of ['+86 138 0000 0009', '13800000009', '138-0000-0009', '+86 (138) 0000 0009', '138 0000 0009']) {
      await browser.post('/api/auth/customer/request-code', { phone: written });
    }
    const keys = await world.sql<{ key: string }>(`SELECT DISTINCT key FROM gateway.sign_in_attempt WHERE key LIKE 'code:%'`);
    expect(keys.map((row) => row.key)).toEqual([`code:${OWNER_PHONE}|ip:${ATTACKER_ADDRESS}`]);
  });

  it('ends the other sessions of an account whose password changes, keeping the session that changed it', async () => {
    const admin = new TestBrowser(world.url);
    await admin.signInStaff(ADMIN.username, ADMIN.password);
    const agent = await staffBrowser(world, admin, 'agent-rotated', 'agent');
    const agentElsewhere = new TestBrowser(world.url);
    expect((await agentElsewhere.signInStaff('agent-rotated', 'agent-rotated-password-long')).status).toBe(200);
    const adminElsewhere = new TestBrowser(world.url);
    await adminElsewhere.signInStaff(ADMIN.username, ADMIN.password);

    expect((await admin.call('PATCH', `/api/admin/staff/${agent.staffId}`, { password: 'a brand new long password' })).status).toBe(200);
    expect((await agent.get('/api/auth/me')).status).toBe(401);
    expect((await agentElsewhere.get('/api/auth/me')).status).toBe(401);
    expect((await admin.call('PATCH', `/api/admin/staff/${agent.staffId}`, { role: 'agent' })).status).toBe(200);

    const [own] = await world.sql<{ id: string }>(`SELECT id FROM gateway.staff_account WHERE username = $1`, [ADMIN.username]);
    expect((await admin.call('PATCH', `/api/admin/staff/${own.id}`, { password: ADMIN.password })).status).toBe(200);
    expect((await admin.get('/api/auth/me')).status).toBe(200);
    expect((await adminElsewhere.get('/api/auth/me')).status).toBe(401);
  });

  it('ends a session at its absolute lifetime however busy it is', async () => {
    const admin = new TestBrowser(world.url);
    await admin.signInStaff(ADMIN.username, ADMIN.password);
    expect((await admin.get('/api/auth/me')).status).toBe(200);
    await world.sql(`UPDATE gateway.session SET created_at = now() - interval '12 hours 1 minute'`);
    expect((await admin.get('/api/auth/me')).status).toBe(401);
  });

  it('shows the one-time-code outbox to admins only', async () => {
    const admin = new TestBrowser(world.url);
    await admin.signInStaff(ADMIN.username, ADMIN.password);
    const manager = await staffBrowser(world, admin, 'outbox-reader', 'catalogue-manager');
    const refused = await manager.get('/api/admin/sms-outbox');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'FORBIDDEN' });
    expect((await admin.get('/api/admin/sms-outbox')).status).toBe(200);
  });

  it('tells orders the staff role of a top-up, and answers a refused one with 422 and its code', async () => {
    const admin = new TestBrowser(world.url);
    await admin.signInStaff(ADMIN.username, ADMIN.password);
    const refused = await admin.post('/api/admin/wallet-top-ups', {
      customerId: OWNER_ID,
      amount: { amountMinor: 10_000_000_000, currency: 'CNY' },
      reason: 'x',
      idempotencyKey: 'top-up-key-0001',
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'TOP_UP_LIMIT' });
    expect(topUps.at(-1)).toMatchObject({ staffRole: 'admin' });
  });
});
