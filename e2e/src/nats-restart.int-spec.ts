import { eventually, NatsServerProcess } from '@callcart/testing';
import { AgentDesk, orderIdOf, type LiveMessage } from '@callcart/gateway-client';
import { addressFor } from './agent-desk.spec-helper';
import { OrdersLedger, settledOnce } from './orders-ledger.spec-helper';
import type { PhoneLine } from '@callcart/telephony';
import { dialShop, PhoneOrderStack } from './phone-order-stack.spec-helper';
import { ShopCustomer, topUpWallet } from './shop-customer.spec-helper';

/**
 * Fault drill C of issue 7: NATS itself goes away mid-call. The stack runs on a private
 * nats-server (JetStream on, its own store), which is killed while a call is in progress and an
 * order's payment window is open, and started again on the same port and store. The services
 * reconnect by themselves; the call goes on; the window that ran out during the outage settles
 * once (its events wait in orders' outbox); an order placed and paid after the restart settles
 * once; nothing is lost or doubled, in the live frames or in the tables.
 */
const CALLER = '+8613500135000';
const NEXT_CALLER = '+8613500135001';
const NIVEA_MINOR = 5900;
const LIPTON_MINOR = 3200;
/** The outage is longer than the window, so the first order's window runs out while NATS is down. */
const PAYMENT_WINDOW_MS = 3000;
const OUTAGE_MS = 4000;

describe('fault drill C: NATS restarted mid-call', () => {
  let server: NatsServerProcess;
  let stack: PhoneOrderStack;
  let desk: AgentDesk;
  let ledger: OrdersLedger;
  let customer: ShopCustomer | undefined;
  let caller: PhoneLine | undefined;

  beforeAll(async () => {
    server = await NatsServerProcess.start();
    stack = await PhoneOrderStack.start({ name: 'nats-restart', natsServer: server, orders: { REGISTRATION_THRESHOLD: '10m', PAYMENT_WINDOW: `${PAYMENT_WINDOW_MS}ms` } });
    desk = await AgentDesk.open(stack.agent);
    ledger = await OrdersLedger.connect(stack.database.url);
  }, 120_000);

  afterAll(async () => {
    if (caller?.isUp) await caller.hangUp().catch(() => undefined);
    await Promise.allSettled([desk?.close(), customer?.close(), ledger?.close()]);
    await stack?.close();
    await server?.destroy();
  }, 60_000);

  it('services reconnect, the call goes on, and every order is settled exactly once', async () => {
    customer = await ShopCustomer.signIn(stack.gatewayUrl, stack.admin, CALLER);
    await topUpWallet(stack.admin, customer.customerId, 10_000);
    caller = await dialShop(stack.mediaUrl, CALLER);
    const callId = caller.callId;
    const answered = await desk.answer(callId);
    expect(answered.caller).toMatchObject({ status: 'returning', customer: { customerId: customer.customerId } });
    const finals = () => desk.frames('transcript', callId).filter((message) => message.data.kind === 'final');
    await caller.sayText('I would like the nivea creme please');
    await eventually(() => finals().length > 0, `a final transcript before the outage; ${stack.logHint}`, 10_000);

    await desk.addToCart(callId, 'e2e-nivea');
    await desk.setAddress(callId, addressFor(CALLER, 'Chen Jing'));
    const first = await desk.placeOrder(callId);
    await desk.next('order.placed', callId, (message) => orderIdOf(message) === first.id);

    // The outage: the caller keeps talking into it.
    const during = await caller.startSaying('and a tube of colgate total toothpaste');
    await server.stop();
    const stoppedAt = Date.now();
    await eventually(async () => (await fetch(`${stack.service('orders').url}/health`)).status === 503, 'orders to report NATS down', 10_000);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, stoppedAt + OUTAGE_MS - Date.now())));
    const windowRanOutDuringOutage = Date.now() > Date.parse(first.paymentDueAt);
    await server.restart();
    const restartedAt = Date.now();
    await stack.allHealthy(30_000);
    const reconnectMs = Date.now() - restartedAt;
    await during.spoken;

    // The call goes on: what the caller says after the restart is transcribed.
    const sayingAfterAt = performance.now();
    const after = await caller.sayText('do you have lipton yellow label tea');
    await eventually(() => finals().some((message) => message.receivedAt > sayingAfterAt), `a final transcript after the restart; ${stack.logHint}`, 15_000);

    // The first order's window ran out while NATS was down: cash on delivery, announced once NATS is back.
    const settledFirst = await desk.next('payment.settled', callId, (message) => orderIdOf(message) === first.id, 20_000);
    expect(settledFirst.data).toMatchObject({ method: 'cash-on-delivery', amount: { amountMinor: NIVEA_MINOR } });
    await desk.next('shipment.ready', callId, (message) => orderIdOf(message) === first.id);

    // A second order after the restart, paid from the wallet at once.
    await desk.addToCart(callId, 'e2e-lipton');
    const second = await desk.placeOrder(callId);
    await customer.live.next('order.placed', (message) => orderIdOf(message) === second.id);
    await expect(customer.pay(second.id)).resolves.toMatchObject({ payment: { method: 'wallet' }, balance: { amountMinor: 10_000 - LIPTON_MINOR } });
    await desk.next('payment.settled', callId, (message) => orderIdOf(message) === second.id && message.data.method === 'wallet');
    await desk.next('shipment.ready', callId, (message) => orderIdOf(message) === second.id);

    expect((await caller.hangUp()).code).toBe(1000);
    await desk.next('call.ended', callId);
    await eventually(async () => (await ledger.callStatus(callId)) === 'ended', "orders to record the call's end", 10_000);

    await new Promise((resolve) => setTimeout(resolve, 1500));
    const describeFrames = (frames: LiveMessage[]) => frames.map((message) => `${message.type} ${JSON.stringify(message.data)}`).join('\n');
    for (const order of [first, second]) {
      for (const type of ['order.placed', 'payment.settled', 'shipment.ready']) {
        const frames = desk.orderFrames(type, order.id);
        expect({ order: order.id, type, count: frames.length, frames: describeFrames(frames) }).toMatchObject({ count: 1 });
        expect(customer.frames(type).filter((message) => orderIdOf(message) === order.id)).toHaveLength(1);
      }
    }
    expect(await ledger.ordersOf(customer.customerId)).toEqual([
      { id: first.id, state: 'ready_to_ship' },
      { id: second.id, state: 'ready_to_ship' },
    ]);
    expect(await ledger.order(first.id)).toEqual(settledOnce(NIVEA_MINOR, 'cash-on-delivery'));
    expect(await ledger.order(second.id)).toEqual(settledOnce(LIPTON_MINOR, 'wallet'));
    expect(await ledger.wallet(customer.customerId)).toEqual({ balanceMinor: 10_000 - LIPTON_MINOR, ledgerSumMinor: 10_000 - LIPTON_MINOR, entries: 2 });

    process.stdout.write(
      `drill C: NATS down ${restartedAt - stoppedAt} ms (window of the first order ran out during the outage: ${windowRanOutDuringOutage}); ` +
        `all five services healthy ${reconnectMs} ms after the restart; first order settled ${Date.parse(String(settledFirst.data.settledAt)) - Date.parse(first.paymentDueAt)} ms after its deadline ` +
        `(frame ${Math.round(settledFirst.receivedAt - performance.now() + Date.now() - restartedAt)} ms after the restart)\n` +
        `  said during the outage at ${during.startMs}-${during.endMs} ms, after it at ${after.startMs}-${after.endMs} ms (call clock); ` +
        `finals: ${JSON.stringify(finals().map((message) => `${message.data.startMs}-${message.data.endMs}: ${message.data.text}`))}\n`,
    );
  }, 120_000);

  it('a call that starts after the restart is claimed by a speech worker and transcribed', async () => {
    const next = await dialShop(stack.mediaUrl, NEXT_CALLER);
    caller = next;
    await desk.answer(next.callId);
    await next.sayText('I would like the nivea creme please');
    // What speech made of the call's start: a claim ("recognising call") or a failed handler.
    const speechLog = () =>
      stack
        .service('speech-1')
        .process.output()
        .split('\n')
        .filter((line) => /"msg":"(recognising call|handler failed[^"]*)"/.test(line))
        .slice(-3)
        .map((line) => line.slice(0, 1000))
        .join('\n');
    await eventually(() => desk.frames('transcript', next.callId).length > 0, 'a transcript of a call started after the NATS restart', 15_000).catch((error: Error) => {
      throw new Error(`${error.message}; speech's log about it:\n${speechLog()}`);
    });
    expect((await next.hangUp()).code).toBe(1000);
    await desk.next('call.ended', next.callId);
  }, 60_000);
});
