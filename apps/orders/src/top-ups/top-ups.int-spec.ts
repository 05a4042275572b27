import { randomUUID } from 'node:crypto';
import { customerRegisterV1, paymentNotificationV1, walletCreditedV1, walletGetV1, walletTopUpStartV1, walletTopUpV1, type WalletTopUpPayment } from '@callcart/contracts';
import { eventually, FakeAlipay, rsaKeyPair } from '@callcart/testing';
import { newPhone, OrdersWorld } from '../orders-world.spec-helper';

const APP_ID = '2021000117611234';

describe('customers top up their own wallet through Alipay (the real alipay-sdk, Alipay played locally)', () => {
  const appKeys = rsaKeyPair();
  let world: OrdersWorld;
  let alipay: FakeAlipay;
  let metricsUrl: string;

  beforeAll(async () => {
    alipay = await FakeAlipay.start(APP_ID, appKeys.publicKey);
    world = await OrdersWorld.create();
    const replica = await world.startReplica({
      TOP_UP_PROVIDER: 'alipay',
      TOP_UP_WINDOW: '4s',
      TOP_UP_MAX_MINOR: '100000',
      ALIPAY_APP_ID: APP_ID,
      ALIPAY_PRIVATE_KEY: appKeys.privateKey,
      // Alipay's key the way its console shows it: bare base64.
      ALIPAY_PUBLIC_KEY: alipay.alipayKeys.publicKey.replace(/-----[^-]+-----|\s/g, ''),
      ALIPAY_NOTIFY_URL: 'https://shop.example.cn/api/payments/alipay/notify',
      ALIPAY_GATEWAY: alipay.gateway,
    });
    metricsUrl = `${replica.url}/metrics`;
  });

  afterAll(async () => {
    await world.close();
    await alipay.close();
  });

  beforeEach(() => {
    alipay.script = () => undefined;
    alipay.signAnswersWith = undefined;
  });

  async function newCustomer(): Promise<string> {
    const reply = await world.client.request(customerRegisterV1, { phone: newPhone(), how: 'agent' });
    if (!reply.ok) throw new Error(reply.message);
    return reply.customer.customerId;
  }

  async function startTopUp(customerId: string, amountMinor: number, idempotencyKey = randomUUID()): Promise<WalletTopUpPayment> {
    const reply = await world.client.request(walletTopUpStartV1, { customerId, amount: { amountMinor, currency: 'CNY' }, idempotencyKey });
    if (!reply.ok) throw new Error(`${reply.code} ${reply.message}`);
    return reply.topUp;
  }

  async function notify(fields: Record<string, string>) {
    const reply = await world.client.request(paymentNotificationV1, { provider: 'alipay', fields });
    if (!reply.ok) throw new Error(`${reply.code} ${reply.message}`);
    return { outcome: reply.outcome, answer: reply.response.body };
  }

  /** The wallet's balance, its ledger's sum, and its paid-in entries. */
  async function books(customerId: string) {
    const [wallet] = await world.sql<{ balance_minor: string }>(`SELECT "balance_minor" FROM @.wallet WHERE "customer_id" = $1`, [customerId]);
    const [ledger] = await world.sql<{ sum: string | null }>(`SELECT sum("amount_minor") AS sum FROM @.wallet_entry WHERE "customer_id" = $1`, [customerId]);
    const paidIn = await world.sql<{ provider_trade_no: string; amount_minor: string }>(
      `SELECT "provider_trade_no", "amount_minor" FROM @.wallet_entry WHERE "customer_id" = $1 AND "kind" = 'paid-in' ORDER BY "seq"`,
      [customerId],
    );
    return { balance: Number(wallet.balance_minor), ledger: Number(ledger.sum ?? 0), paidIn: paidIn.map((entry) => ({ tradeNo: entry.provider_trade_no, amount: Number(entry.amount_minor) })) };
  }

  it('starts a QR-code payment at Alipay and credits the wallet once the signed notification says it was paid', async () => {
    const customerId = await newCustomer();
    const before = Date.now();
    const topUp = await startTopUp(customerId, 20_000);
    const trade = alipay.accepted.find((candidate) => candidate.outTradeNo === topUp.topUpId)!;
    expect(trade).toMatchObject({ totalAmount: '200.00', notifyUrl: 'https://shop.example.cn/api/payments/alipay/notify' });
    expect(topUp).toMatchObject({ state: 'pending', provider: 'alipay', payUrl: trade.qrCode, amount: { amountMinor: 20_000, currency: 'CNY' } });
    // Alipay refuses the payment after our deadline, written in Beijing time.
    const beijingDeadline = Date.parse(`${trade.timeExpire.replace(' ', 'T')}+08:00`);
    expect(Math.abs(beijingDeadline - Date.parse(topUp.expiresAt))).toBeLessThan(1000);
    expect(beijingDeadline - before).toBeGreaterThan(2000);

    const paid = alipay.notification(topUp.topUpId);
    await expect(notify(paid)).resolves.toEqual({ outcome: 'credited', answer: 'success' });
    await expect(books(customerId)).resolves.toEqual({ balance: 20_000, ledger: 20_000, paidIn: [{ tradeNo: paid.trade_no, amount: 20_000 }] });
    const wallet = await world.client.request(walletGetV1, { customerId });
    expect(wallet.ok && wallet.wallet.recentEntries[0]).toMatchObject({ kind: 'paid-in', provider: 'alipay', providerTradeNo: paid.trade_no, topUpId: topUp.topUpId });
  });

  it('changes nothing for a repeated notification, and answers success so Alipay stops', async () => {
    const credited = await world.collect(walletCreditedV1);
    const customerId = await newCustomer();
    const topUp = await startTopUp(customerId, 5_000);
    const paid = alipay.notification(topUp.topUpId);
    await expect(notify(paid)).resolves.toEqual({ outcome: 'credited', answer: 'success' });
    const repeats = await Promise.all([notify(paid), notify({ ...paid }), notify(alipay.notification(topUp.topUpId, { trade_no: paid.trade_no, trade_status: 'TRADE_FINISHED' }))]);
    expect(repeats).toEqual(Array(3).fill({ outcome: 'already-credited', answer: 'success' }));
    await expect(books(customerId)).resolves.toMatchObject({ balance: 5_000, ledger: 5_000, paidIn: [{ tradeNo: paid.trade_no, amount: 5_000 }] });
    await eventually(() => credited.items.some((event) => event.customerId === customerId), 'wallet credited announced');
    await eventually(() => world.sql(`SELECT 1 FROM @.outbox_event WHERE "published_at" IS NULL`).then((pending) => pending.length === 0), 'outbox drained');
    expect(credited.items.filter((event) => event.customerId === customerId)).toEqual([
      expect.objectContaining({ topUpId: topUp.topUpId, balance: { amountMinor: 5_000, currency: 'CNY' }, entry: expect.objectContaining({ kind: 'paid-in', providerTradeNo: paid.trade_no }) }),
    ]);
    await expect(startTopUp(customerId, 5_000)).resolves.toMatchObject({ state: 'pending' });
  });

  it('refuses forged notifications: another key, a field changed after signing, another app', async () => {
    const customerId = await newCustomer();
    const topUp = await startTopUp(customerId, 3_000);
    const forgedKey = rsaKeyPair().privateKey;
    await expect(notify(alipay.notification(topUp.topUpId, {}, { signWith: forgedKey }))).resolves.toEqual({ outcome: 'forged', answer: 'failure' });
    await expect(notify(alipay.notification(topUp.topUpId, { total_amount: '0.01' }, { tamper: { total_amount: '30.00' } }))).resolves.toEqual({ outcome: 'forged', answer: 'failure' });
    const { sign: _sign, ...unsigned } = alipay.notification(topUp.topUpId);
    await expect(notify(unsigned)).resolves.toEqual({ outcome: 'forged', answer: 'failure' });
    await expect(notify(alipay.notification(topUp.topUpId, { app_id: '2021000999999999' }))).resolves.toEqual({ outcome: 'foreign-app', answer: 'failure' });
    await expect(books(customerId)).resolves.toEqual({ balance: 0, ledger: 0, paidIn: [] });
    const metrics = await (await fetch(metricsUrl)).text();
    expect(metrics).toMatch(/callcart_orders_payment_notifications_total\{provider="alipay",outcome="forged"[^}]*\} [3-9]/);
  });

  it('credits nothing for another amount or a payment it does not know', async () => {
    const customerId = await newCustomer();
    const topUp = await startTopUp(customerId, 3_000);
    await expect(notify(alipay.notification(topUp.topUpId, { total_amount: '300.00' }))).resolves.toEqual({ outcome: 'amount-mismatch', answer: 'failure' });
    await expect(notify(alipay.notification(randomUUID()))).resolves.toEqual({ outcome: 'unknown-payment', answer: 'failure' });
    await expect(notify(alipay.notification('20261204-not-ours'))).resolves.toEqual({ outcome: 'unknown-payment', answer: 'failure' });
    await expect(notify(alipay.notification(topUp.topUpId, { trade_status: 'WAIT_BUYER_PAY' }))).resolves.toEqual({ outcome: 'not-paid-yet', answer: 'success' });
    await expect(books(customerId)).resolves.toEqual({ balance: 0, ledger: 0, paidIn: [] });
    const [row] = await world.sql<{ state: string }>(`SELECT "state" FROM @.wallet_top_up WHERE "id" = $1`, [topUp.topUpId]);
    expect(row.state).toBe('pending');
  });

  it('expires an abandoned top-up at its deadline; a late real payment is still credited, once', async () => {
    const customerId = await newCustomer();
    const topUp = await startTopUp(customerId, 1_500);
    await eventually(async () => (await world.sql<{ state: string }>(`SELECT "state" FROM @.wallet_top_up WHERE "id" = $1`, [topUp.topUpId]))[0].state === 'expired', 'top-up expired', 15_000);
    await expect(startTopUp(customerId, 1_500, randomUUID())).resolves.toMatchObject({ state: 'pending' });
    await expect(notify(alipay.notification(topUp.topUpId, { trade_status: 'TRADE_CLOSED' }))).resolves.toEqual({ outcome: 'closed', answer: 'success' });
    await expect(books(customerId)).resolves.toEqual({ balance: 0, ledger: 0, paidIn: [] });
    const late = alipay.notification(topUp.topUpId);
    await expect(notify(late)).resolves.toEqual({ outcome: 'credited', answer: 'success' });
    await expect(notify(late)).resolves.toEqual({ outcome: 'already-credited', answer: 'success' });
    await expect(books(customerId)).resolves.toEqual({ balance: 1_500, ledger: 1_500, paidIn: [{ tradeNo: late.trade_no, amount: 1_500 }] });
  });

  it('credits both exactly once when notifications race staff top-ups of the same wallet', async () => {
    const customerId = await newCustomer();
    const rounds = 15;
    const topUps = await Promise.all(Array.from({ length: rounds }, (_, index) => startTopUp(customerId, 1_000 + index)));
    await Promise.all(
      topUps.flatMap((topUp, index) => {
        const paid = alipay.notification(topUp.topUpId);
        const staffKey = `counter-${topUp.topUpId}`;
        const staff = () => world.client.request(walletTopUpV1, { customerId, amount: { amountMinor: 500, currency: 'CNY' }, reason: `cash at the counter #${index}`, staffId: 'staff-lihua', idempotencyKey: staffKey });
        return [notify(paid), staff(), notify(paid), staff()];
      }),
    );
    const { balance, ledger, paidIn } = await books(customerId);
    const expectedPaidIn = topUps.reduce((sum, topUp) => sum + topUp.amount.amountMinor, 0);
    expect(paidIn).toHaveLength(rounds);
    const [staffEntries] = await world.sql<{ count: string }>(`SELECT count(*) AS count FROM @.wallet_entry WHERE "customer_id" = $1 AND "kind" = 'top-up'`, [customerId]);
    expect(Number(staffEntries.count)).toBe(rounds);
    expect(balance).toBe(expectedPaidIn + rounds * 500);
    expect(ledger).toBe(balance);
  });

  it('reports a payment Alipay would not start, or whose answer is not signed by Alipay, and starts it when asked again', async () => {
    const customerId = await newCustomer();
    const key = randomUUID();
    alipay.script = () => alipay.signed('alipay_trade_precreate_response', { code: '20000', msg: 'Service Currently Unavailable', sub_code: 'aop.ACQ.SYSTEM_ERROR', sub_msg: '系统繁忙' });
    await expect(world.client.request(walletTopUpStartV1, { customerId, amount: { amountMinor: 800, currency: 'CNY' }, idempotencyKey: key })).resolves.toMatchObject({
      ok: false,
      code: 'PAYMENT_PROVIDER_UNAVAILABLE',
    });
    alipay.script = () => undefined;
    alipay.signAnswersWith = rsaKeyPair().privateKey;
    await expect(world.client.request(walletTopUpStartV1, { customerId, amount: { amountMinor: 800, currency: 'CNY' }, idempotencyKey: key })).resolves.toMatchObject({
      ok: false,
      code: 'PAYMENT_PROVIDER_UNAVAILABLE',
    });
    alipay.signAnswersWith = undefined;
    const first = await startTopUp(customerId, 800, key);
    await expect(startTopUp(customerId, 800, key)).resolves.toEqual(first);
    await expect(world.sql(`SELECT "id" FROM @.wallet_top_up WHERE "customer_id" = $1`, [customerId])).resolves.toHaveLength(1);
  });

  it('refuses amounts above the limit and wallets in another currency', async () => {
    const customerId = await newCustomer();
    await expect(world.client.request(walletTopUpStartV1, { customerId, amount: { amountMinor: 100_001, currency: 'CNY' }, idempotencyKey: randomUUID() })).resolves.toMatchObject({
      ok: false,
      code: 'AMOUNT_OUT_OF_RANGE',
    });
    await expect(world.client.request(walletTopUpStartV1, { customerId, amount: { amountMinor: 100, currency: 'USD' }, idempotencyKey: randomUUID() })).resolves.toMatchObject({
      ok: false,
      code: 'CURRENCY_MISMATCH',
    });
    await expect(world.client.request(walletTopUpStartV1, { customerId: randomUUID(), amount: { amountMinor: 100, currency: 'CNY' }, idempotencyKey: randomUUID() })).resolves.toMatchObject({
      ok: false,
      code: 'CUSTOMER_NOT_FOUND',
    });
  });
});
