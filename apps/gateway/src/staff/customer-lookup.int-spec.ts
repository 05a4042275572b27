import { customerFindV1, type CustomerFindReplyV1 } from '@callcart/contracts';
import { ADMIN, type GatewayWorld, staffBrowser, startGatewayWorld, TestBrowser } from '../gateway-world.spec-helper';

const WANG = { customerId: 'c0ffee00-1d2e-4f3a-9b8c-7d6e5f4a3b21', phone: '+8613800138000', name: null, recipient: '王秀英', city: '上海', walletBalance: { amountMinor: 21210, currency: 'CNY' } };

describe('staff find customers by phone or name on /api/staff/customers', () => {
  let world: GatewayWorld;
  let admin: TestBrowser;
  let agent: TestBrowser;
  const asked: string[] = [];

  beforeAll(async () => {
    world = await startGatewayWorld();
    admin = new TestBrowser(world.url);
    await admin.signInStaff(ADMIN.username, ADMIN.password);
    agent = await staffBrowser(world, admin, 'lookup-agent', 'agent');
    await world.services.reply(customerFindV1, ({ query }): CustomerFindReplyV1 => {
      asked.push(query);
      if (query === '12345') return { ok: false, code: 'INVALID_PHONE', message: '"12345" is not a usable phone number (invalid)' };
      return /\d/.test(query) ? { ok: true, matchedBy: 'phone', phone: WANG.phone, customers: [WANG] } : { ok: true, matchedBy: 'name', customers: [WANG] };
    });
  });

  afterAll(async () => {
    await world.close();
  });

  it('relays the query as typed (orders normalises the number) for admins and agents alike', async () => {
    const byPhone = await admin.get(`/api/staff/customers?q=${encodeURIComponent('0086-138 0013 8000')}`);
    expect(byPhone).toMatchObject({ status: 200, body: { matchedBy: 'phone', phone: WANG.phone, customers: [WANG] } });
    const byName = await agent.get(`/api/staff/customers?q=${encodeURIComponent('秀英')}&limit=5`);
    expect(byName).toMatchObject({ status: 200, body: { matchedBy: 'name', customers: [WANG] } });
    expect(asked.slice(-2)).toEqual(['0086-138 0013 8000', '秀英']);
  });

  it('answers a number that cannot be one with its code, an empty query with 400, and nobody signed in with 401', async () => {
    const invalid = await admin.get<{ code: string }>('/api/staff/customers?q=12345');
    expect(invalid.status).toBeGreaterThanOrEqual(400);
    expect(invalid.status).toBeLessThan(500);
    expect(invalid.body.code).toBe('INVALID_PHONE');
    expect(await admin.get('/api/staff/customers?q=%20')).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST' } });
    expect((await new TestBrowser(world.url).get('/api/staff/customers?q=wang')).status).toBe(401);
  });
});
