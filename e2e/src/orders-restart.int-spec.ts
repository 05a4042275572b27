import { eventually } from '@callcart/testing';
import { AgentDesk, orderIdOf } from '@callcart/gateway-client';
import { addressFor } from './agent-desk.spec-helper';
import { OrdersLedger, settledOnce } from './orders-ledger.spec-helper';
import type { PhoneLine } from '@callcart/telephony';
import { dialShop, PhoneOrderStack } from './phone-order-stack.spec-helper';

/**
 * Fault drill B of issue 7: the orders service crashes (SIGKILL) while an order's payment window
 * is open, the caller hangs up while it is down, and it comes back only after the deadline. The
 * window is a row in PostgreSQL, so the expiry fires once after the restart: one cash-on-delivery
 * payment and one shipment, announced once; the call's end, kept by JetStream, is caught up.
 */
const CALLER = '+8613600136000';
const COLGATE_MINOR = 2490;
const PAYMENT_WINDOW_MS = 4000;

describe('fault drill B: orders restarted while a payment window is open', () => {
  let stack: PhoneOrderStack;
  let desk: AgentDesk;
  let ledger: OrdersLedger;
  let caller: PhoneLine | undefined;

  beforeAll(async () => {
    stack = await PhoneOrderStack.start({ name: 'orders-restart', orders: { REGISTRATION_THRESHOLD: '10m', PAYMENT_WINDOW: `${PAYMENT_WINDOW_MS}ms` } });
    desk = await AgentDesk.open(stack.agent);
    ledger = await OrdersLedger.connect(stack.database.url);
  }, 120_000);

  afterAll(async () => {
    if (caller?.isUp) await caller.hangUp().catch(() => undefined);
    await Promise.allSettled([desk?.close(), ledger?.close()]);
    await stack?.close();
  }, 60_000);

  it('the expiry that fell due while orders was down fires once when it is back: one cash-on-delivery payment, one shipment', async () => {
    caller = await dialShop(stack.mediaUrl, CALLER);
    const callId = caller.callId;
    await desk.answer(callId);
    const customerId = await desk.register(callId);
    await desk.next('customer.registered', callId, (message) => message.data.customerId === customerId);
    await caller.sayText('and a tube of colgate total toothpaste');
    const [colgate] = (await desk.search('colgate toothpaste')).hits;
    expect(colgate?.productId).toBe('e2e-colgate');
    await desk.addToCart(callId, colgate.productId);
    await desk.setAddress(callId, addressFor(CALLER, 'Zhang Min'));
    const order = await desk.placeOrder(callId);
    await desk.next('order.placed', callId, (message) => orderIdOf(message) === order.id);

    // The crash: no graceful shutdown, mid-window.
    await stack.killService('orders');
    const killedBeforeDeadlineMs = Date.parse(order.paymentDueAt) - Date.now();
    expect(killedBeforeDeadlineMs).toBeGreaterThan(0);
    // The caller hangs up while orders is down (its end waits in JetStream for orders).
    expect((await caller.hangUp()).code).toBe(1000);
    await desk.next('call.ended', callId);
    await eventually(() => Date.now() > Date.parse(order.paymentDueAt) + 1000, 'the payment deadline to pass while orders is down', PAYMENT_WINDOW_MS + 5000);
    expect(desk.orderFrames('payment.settled', order.id)).toEqual([]);
    expect((await ledger.order(order.id)).state).toBe('awaiting_payment');

    const restartedAt = Date.now();
    await stack.startService('orders');
    const healthyAt = Date.now();
    const settled = await desk.next('payment.settled', callId, (message) => orderIdOf(message) === order.id, 20_000);
    expect(settled.data).toMatchObject({ method: 'cash-on-delivery', amount: { amountMinor: COLGATE_MINOR }, customerId });
    const shipment = await desk.next('shipment.ready', callId, (message) => orderIdOf(message) === order.id);
    expect(shipment.data).toMatchObject({ paymentMethod: 'cash-on-delivery', amountToCollect: { amountMinor: COLGATE_MINOR } });
    await eventually(async () => (await ledger.callStatus(callId)) === 'ended', "orders to catch up with the call's end from JetStream", 10_000);

    // Anything announced twice would arrive within moments: wait, then count.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(desk.orderFrames('payment.settled', order.id)).toHaveLength(1);
    expect(desk.orderFrames('shipment.ready', order.id)).toHaveLength(1);
    expect(await ledger.ordersOf(customerId)).toEqual([{ id: order.id, state: 'ready_to_ship' }]);
    expect(await ledger.order(order.id)).toEqual(settledOnce(COLGATE_MINOR, 'cash-on-delivery'));
    const settledAt = Date.parse(String(settled.data.settledAt));
    process.stdout.write(
      `drill B: orders killed ${killedBeforeDeadlineMs} ms before the deadline, down for ${restartedAt - Date.parse(order.paymentDueAt) + killedBeforeDeadlineMs} ms ` +
        `(restarted ${restartedAt - Date.parse(order.paymentDueAt)} ms after the deadline), healthy in ${healthyAt - restartedAt} ms; ` +
        `the overdue window expired ${settledAt - restartedAt} ms after the restart; 1 payment.settled, 1 shipment.ready\n`,
    );
  }, 120_000);
});
