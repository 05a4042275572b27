import { GatewayClient } from '@callcart/gateway-client';
import { createTestDatabase, createTestNats, FakeAlipay, rsaKeyPair, type RunningService, startService, stopService, type TestDatabase, type TestNats } from '@callcart/testing';
import { ADMIN } from './phone-order-stack.spec-helper';
import { ShopCustomer } from './shop-customer.spec-helper';

const APP_ID = '2021000117619999';

/**
 * A customer tops up their own wallet from the shop, paid through Alipay (played locally with keys
 * made here), across orders and the gateway as processes: the shop starts the payment through
 * the gateway, Alipay posts its signed form to the gateway's public endpoint, which relays it to
 * orders; the wallet is credited once, and a forged post changes nothing.
 */
describe('a customer tops up their wallet through Alipay, gateway and orders as processes', () => {
  const appKeys = rsaKeyPair();
  let alipay: FakeAlipay;
  let database: TestDatabase;
  let nats: TestNats;
  const services: RunningService[] = [];
  let admin: GatewayClient;
  let customer: ShopCustomer | undefined;

  beforeAll(async () => {
    [alipay, database, nats] = await Promise.all([FakeAlipay.start(APP_ID, appKeys.publicKey), createTestDatabase(), createTestNats()]);
    const shared = { NATS_URL: nats.url, NATS_PREFIX: nats.prefix, DATABASE_URL: database.url };
    const gateway = await startService('gateway', { ...shared, GATEWAY_ADMIN_USERNAME: ADMIN.username, GATEWAY_ADMIN_PASSWORD: ADMIN.password, GATEWAY_REQUEST_TIMEOUT_MS: '4000' }, 45_000);
    services.push(gateway);
    services.push(
      await startService(
        'orders',
        {
          ...shared,
          TOP_UP_PROVIDER: 'alipay',
          ALIPAY_APP_ID: APP_ID,
          ALIPAY_PRIVATE_KEY: appKeys.privateKey,
          ALIPAY_PUBLIC_KEY: alipay.alipayKeys.publicKey,
          ALIPAY_NOTIFY_URL: `${gateway.url}/api/payments/alipay/notify`,
          ALIPAY_GATEWAY: alipay.gateway,
        },
        45_000,
      ),
    );
    admin = await GatewayClient.signInStaff(gateway.url, ADMIN.username, ADMIN.password);
  }, 120_000);

  afterAll(async () => {
    await customer?.close();
    await Promise.allSettled(services.map((service) => stopService(service)));
    await Promise.allSettled([alipay?.close(), database?.drop(), nats?.cleanup()]);
  }, 60_000);

  async function postToGateway(fields: Record<string, string>): Promise<string> {
    const response = await fetch(alipay.accepted.at(-1)!.notifyUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: new URLSearchParams(fields).toString() });
    return `${response.status} ${await response.text()}`;
  }

  it('credits the wallet once for the paid top-up, and not for a forged or repeated notification', async () => {
    customer = await ShopCustomer.signIn(services[0].url, admin, '+8613700137000');
    const { topUp } = await customer.client.post<{ topUp: { topUpId: string; payUrl: string; state: string } }>('/api/shop/wallet/top-ups', {
      amount: { amountMinor: 12_345, currency: 'CNY' },
      idempotencyKey: 'e2e-shop-top-up-1',
    });
    expect(topUp).toMatchObject({ state: 'pending', payUrl: alipay.accepted.at(-1)!.qrCode });
    expect(alipay.accepted.at(-1)).toMatchObject({ outTradeNo: topUp.topUpId, totalAmount: '123.45' });

    const forged = alipay.notification(topUp.topUpId, { subject: '钱包充值 + 100%' }, { signWith: rsaKeyPair().privateKey });
    await expect(postToGateway(forged)).resolves.toBe('200 failure');
    await expect(customer.walletBalanceMinor()).resolves.toBe(0);

    const paid = alipay.notification(topUp.topUpId, { subject: '钱包充值 + 100%' });
    await expect(postToGateway(paid)).resolves.toBe('200 success');
    await expect(postToGateway(paid)).resolves.toBe('200 success');
    const credited = await customer.live.next('wallet.credited');
    expect(credited.data).toMatchObject({ topUpId: topUp.topUpId, balance: { amountMinor: 12_345 } });
    await expect(customer.walletBalanceMinor()).resolves.toBe(12_345);
    const wallet = await customer.client.get<{ wallet: { recentEntries: { kind: string; providerTradeNo?: string }[] } }>('/api/shop/wallet');
    expect(wallet.wallet.recentEntries.filter((entry) => entry.kind === 'paid-in')).toEqual([expect.objectContaining({ providerTradeNo: paid.trade_no })]);
    expect(customer.frames('wallet.credited')).toHaveLength(1);
  });
});
