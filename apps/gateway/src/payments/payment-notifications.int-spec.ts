import { fixtures, paymentNotificationV1, signInRequestCodeV1, signInVerifyCodeV1, walletTopUpStartV1, type RequestOf } from '@callcart/contracts';
import { type GatewayWorld, startGatewayWorld, TestBrowser } from '../gateway-world.spec-helper';

const CUSTOMER = 'c0ffee00-0000-4000-8000-000000000007';
const PHONE = '+8613800000007';

describe('payment notifications and customer top-ups through the gateway', () => {
  let world: GatewayWorld;
  const relayed: RequestOf<typeof paymentNotificationV1>[] = [];
  const started: RequestOf<typeof walletTopUpStartV1>[] = [];

  beforeAll(async () => {
    world = await startGatewayWorld({ GATEWAY_REQUEST_TIMEOUT_MS: '500' });
    await world.services.reply(paymentNotificationV1, (request) => {
      relayed.push(request);
      const accepted = request.fields.sign === 'good';
      return { ok: true as const, outcome: accepted ? ('credited' as const) : ('forged' as const), response: { status: 200, contentType: 'text/plain; charset=utf-8', body: accepted ? 'success' : 'failure' } };
    });
    await world.services.reply(signInRequestCodeV1, ({ phone }) => ({ ok: true, phone, expiresAt: '2030-01-01T00:05:00.000Z', resendAfter: '2030-01-01T00:01:00.000Z' }));
    await world.services.reply(signInVerifyCodeV1, ({ phone }) => ({ ok: true, customer: { customerId: CUSTOMER, phone }, newlyRegistered: false, verifiedAt: '2030-01-01T00:00:30.000Z' }));
    await world.services.reply(walletTopUpStartV1, (request) => {
      started.push(request);
      return { ok: true, topUp: { ...fixtures.walletTopUpStart.success.topUp, amount: request.amount } };
    });
  });

  afterAll(async () => {
    await world.close();
  });

  async function postForm(path: string, fields: Record<string, string>): Promise<{ status: number; type: string | null; text: string }> {
    const response = await fetch(`${world.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: new URLSearchParams(fields).toString() });
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  }

  it("relays Alipay's form as decoded fields, with no session, and answers in Alipay's words", async () => {
    const fields = { out_trade_no: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b', subject: '钱包充值 100% + more', total_amount: '200.00', sign: 'good' };
    const answer = await postForm('/api/payments/alipay/notify', fields);
    expect(answer).toEqual({ status: 200, type: 'text/plain; charset=utf-8', text: 'success' });
    expect(relayed.at(-1)).toEqual({ provider: 'alipay', fields });
    await expect(postForm('/api/payments/alipay/notify', { ...fields, sign: 'forged' })).resolves.toMatchObject({ status: 200, text: 'failure' });
  });

  it('answers failure with 503 when orders does not answer, so Alipay tries again later', async () => {
    const fields = Object.fromEntries(Array.from({ length: 101 }, (_, index) => [`field_${index}`, 'x']));
    await expect(postForm('/api/payments/alipay/notify', fields)).resolves.toMatchObject({ status: 400, text: 'failure' });
    // A field name or value longer than any notification's is refused too (it once came back as a 500).
    await expect(postForm('/api/payments/alipay/notify', { ['k'.repeat(65)]: '1', sign: 'good' })).resolves.toMatchObject({ status: 400, text: 'failure' });
    await expect(postForm('/api/payments/alipay/notify', { note: 'v'.repeat(4001), sign: 'good' })).resolves.toMatchObject({ status: 400, text: 'failure' });
    // More fields than the form parser takes: 413 with a code, not a 500.
    const flood = await postForm('/api/payments/alipay/notify', Object.fromEntries(Array.from({ length: 250 }, (_, index) => [`f${index}`, '1'])));
    expect(flood.status).toBe(413);
    expect(JSON.parse(flood.text)).toMatchObject({ code: 'BODY_TOO_LARGE' });
    const silent = await startGatewayWorld({ GATEWAY_REQUEST_TIMEOUT_MS: '300' });
    try {
      const response = await fetch(`${silent.url}/api/payments/alipay/notify`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'sign=good' });
      expect(response.status).toBe(503);
      await expect(response.text()).resolves.toBe('failure');
    } finally {
      await silent.close();
    }
  });

  it("starts a top-up for the signed-in customer's own wallet only", async () => {
    const anonymous = await new TestBrowser(world.url).post('/api/shop/wallet/top-ups', { amount: { amountMinor: 10_000, currency: 'CNY' }, idempotencyKey: 'shop-top-up-0001' });
    expect(anonymous.status).toBe(401);
    const customer = new TestBrowser(world.url);
    await customer.post('/api/auth/customer/request-code', { phone: PHONE });
    expect((await customer.post('/api/auth/customer/verify-code', { phone: PHONE, code: '123456' })).status).toBe(200);
    const reply = await customer.post('/api/shop/wallet/top-ups', { amount: { amountMinor: 10_000, currency: 'CNY' }, idempotencyKey: 'shop-top-up-0001', customerId: 'someone-else' });
    expect(reply).toMatchObject({ status: 200, body: { topUp: { payUrl: fixtures.walletTopUpStart.success.topUp.payUrl, amount: { amountMinor: 10_000 } } } });
    expect(started.at(-1)).toEqual({ customerId: CUSTOMER, amount: { amountMinor: 10_000, currency: 'CNY' }, idempotencyKey: 'shop-top-up-0001' });
    expect((await customer.post('/api/shop/wallet/top-ups', { amount: { amountMinor: -5, currency: 'CNY' }, idempotencyKey: 'shop-top-up-0002' })).status).toBe(400);
  });
});
