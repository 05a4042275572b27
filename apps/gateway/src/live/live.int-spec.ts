import {
  callEndedV1,
  callerIdentifiedV1,
  paymentSettledV1,
  callStartedV1,
  cartAddItemV1,
  cartGetV1,
  cartUpdatedV1,
  customerGetV1,
  fixtures,
  customerRegisteredV1,
  keypadDigitV1,
  orderListV1,
  orderPlacedV1,
  matchesFoundV1,
  walletCreditedV1,
  productsSearchV1,
  reindexProgressV1,
  signInVerifyCodeV1,
  transcriptUpdatedV1,
  type Cart,
  type CartAddItemRequestV1,
} from '@callcart/contracts';
import { eventually } from '@callcart/testing';
import { LiveSocketServer, SESSION_ENDED_CLOSE_CODE } from './live-socket.server';
import { ADMIN, type GatewayWorld, type LiveClient, staffBrowser, startGatewayWorld, TestBrowser } from '../gateway-world.spec-helper';
import { answerWhenRinging, openDesk } from '../routing/routing.spec-helper';

const ALICE = 'a11ce000-0000-4000-8000-000000000001';
const BOB = 'b0b00000-0000-4000-8000-000000000002';
/** Whose cart a call's is, as orders would answer (set by the tests that register a caller). */
const callOwners = new Map<string, { customerId: string }>();
const XSS_NAME = '<img src=x onerror=alert(1)>';

describe('live push and the agent desk', () => {
  let world: GatewayWorld;
  let admin: TestBrowser;
  let agentA: TestBrowser & { staffId: string };
  let agentB: TestBrowser & { staffId: string };
  const cartCommands: CartAddItemRequestV1[] = [];
  const sockets: LiveClient[] = [];

  const live = async (browser: TestBrowser) => {
    const client = await browser.openLive();
    sockets.push(client);
    return client;
  };
  const has = (client: LiveClient, type: string, callId?: string) =>
    client.messages.some((message) => message.type === type && (callId === undefined || message.callId === callId));

  beforeAll(async () => {
    world = await startGatewayWorld();
    admin = new TestBrowser(world.url);
    await admin.signInStaff(ADMIN.username, ADMIN.password);
    agentA = await staffBrowser(world, admin, 'agent-a', 'agent');
    agentB = await staffBrowser(world, admin, 'agent-b', 'agent');
    // Their desks stay open all along (only an agent with a desk open is rung); the tests' own sockets come and go.
    sockets.push(await openDesk(agentA), await openDesk(agentB));
    await world.services.reply(customerGetV1, (request) =>
      'phone' in request && request.phone === '+8613800000001'
        ? { ok: true, customer: { ...fixtures.customerGet.success.customer, customerId: ALICE, phone: '+8613800000001' } }
        : { ok: false, code: 'CUSTOMER_NOT_FOUND', message: 'unknown number' },
    );
    await world.services.reply(cartAddItemV1, async (request) => {
      cartCommands.push(request);
      const cart: Cart = { ...fixtures.callCart, owner: request.cart, lines: fixtures.customerCart.lines, total: fixtures.customerCart.total, version: 1 };
      await world.services.publish(cartUpdatedV1, { cart });
      return { ok: true, cart };
    });
    // Orders resolves whose cart a call's is (a test says whom a call's caller is registered as).
    await world.services.reply(cartGetV1, ({ cart }) => ({
      ok: true,
      cart: { ...fixtures.callCart, owner: 'callId' in cart ? (callOwners.get(cart.callId) ?? cart) : cart },
    }));
    await world.services.reply(productsSearchV1, () => ({
      ok: true,
      hits: [{ ...fixtures.productsSearch.success.hits[0], name: XSS_NAME }],
      total: 1,
      confirmationMode: 'ask' as const,
    }));
    await world.services.reply(signInVerifyCodeV1, ({ phone }) => ({
      ok: true,
      customer: { customerId: phone === '+8613800000001' ? ALICE : BOB, phone },
      newlyRegistered: false,
      verifiedAt: new Date().toISOString(),
    }));
    await agentA.post('/api/agent/availability', { available: true });
    await world.services.publish(callStartedV1, { ...fixtures.callStarted.payload, callId: 'CA-live-a', callerNumber: '+8613899999999' });
    await answerWhenRinging(agentA, 'CA-live-a');
    await agentB.post('/api/agent/availability', { available: true });
    await world.services.publish(callStartedV1, { ...fixtures.callStarted.payload, callId: 'CA-live-b', callerNumber: '+8613800000001' });
    await answerWhenRinging(agentB, 'CA-live-b');
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await world.close();
  });

  it('refuses the live socket without a session', async () => {
    await expect(new TestBrowser(world.url).openLive()).rejects.toThrow('live refused: 401');
  });

  it("pushes a call's transcript, matches and keypad digits to its agent only", async () => {
    const socketA = await live(agentA);
    const socketB = await live(agentB);
    await eventually(() => has(socketA, 'hello') && has(socketB, 'hello'), 'both sockets to be greeted');
    await world.services.publish(transcriptUpdatedV1, { ...fixtures.finalTranscript.payload, callId: 'CA-live-b' });
    await world.services.publish(transcriptUpdatedV1, { ...fixtures.finalTranscript.payload, callId: 'CA-live-b', utteranceId: 'c1-au1', speaker: 'agent' });
    await world.services.publish(transcriptUpdatedV1, { ...fixtures.interimTranscript.payload, callId: 'CA-live-a' });
    await world.services.publish(matchesFoundV1, { ...fixtures.matchesFound.payload, callId: 'CA-live-a' });
    await world.services.publish(keypadDigitV1, { callId: 'CA-live-a', digit: '7', pressedAt: new Date().toISOString() });
    await eventually(() => has(socketA, 'keypad.digit', 'CA-live-a') && has(socketB, 'transcript', 'CA-live-b'), 'the events to arrive');
    expect(has(socketA, 'transcript', 'CA-live-a')).toBe(true);
    // Whose words a transcript carries reaches the desk as sent (the agent's side is labelled there).
    await eventually(() => socketB.messages.filter((message) => message.type === 'transcript').length === 2, "the agent's transcript too");
    expect(socketB.messages.filter((message) => message.type === 'transcript').map((message) => message.data.speaker)).toEqual([undefined, 'agent']);
    expect(has(socketA, 'matches', 'CA-live-a')).toBe(true);
    expect(socketA.messages.filter((message) => message.callId === 'CA-live-b')).toEqual([]);
    expect(socketB.messages.filter((message) => message.callId === 'CA-live-a')).toEqual([]);
    const matches = socketA.messages.find((message) => message.type === 'matches')!;
    expect(matches.data).toMatchObject({ confirmationMode: fixtures.matchesFound.payload.confirmationMode, hits: expect.any(Array) });

    const state = await agentA.get<{ transcript: { interim: unknown }; matches: unknown[]; keypad: string; cart: Cart }>('/api/agent/calls/CA-live-a');
    expect(state.status).toBe(200);
    expect(state.body.transcript.interim).toMatchObject({ kind: 'interim' });
    expect(state.body.matches).toHaveLength(1);
    expect(state.body.keypad).toBe('7');
    expect(state.body.cart.owner).toEqual({ callId: 'CA-live-a' });
    expect((await agentB.get('/api/agent/calls/CA-live-a')).status).toBe(403);
  });

  it("relays the agent's cart command with the agent as actor and pushes the cart to that agent", async () => {
    const socketA = await live(agentA);
    const socketB = await live(agentB);
    await eventually(() => has(socketA, 'hello') && has(socketB, 'hello'), 'both sockets to be greeted');
    const bad = await agentA.post('/api/agent/calls/CA-live-a/cart/items', { productId: fixtures.niveaCreme.id, quantity: 0 });
    expect(bad.status).toBe(400);
    expect(String(bad.body.message)).toContain('quantity');
    const added = await agentA.post('/api/agent/calls/CA-live-a/cart/items', { productId: fixtures.niveaCreme.id, quantity: 2 });
    expect(added.status).toBe(201);
    expect(cartCommands.at(-1)).toEqual({
      cart: { callId: 'CA-live-a' },
      productId: fixtures.niveaCreme.id,
      quantity: 2,
      actor: { kind: 'staff', staffId: agentA.staffId, callId: 'CA-live-a' },
    });
    await eventually(() => has(socketA, 'cart.updated', 'CA-live-a'), 'the cart update to reach agent A');
    expect(has(socketB, 'cart.updated')).toBe(false);
    expect((await agentB.post('/api/agent/calls/CA-live-a/cart/items', { productId: fixtures.niveaCreme.id, quantity: 1 })).status).toBe(403);
  });

  it("sends a customer's cart to that customer and the agent on a call with them, never to another customer", async () => {
    const alice = new TestBrowser(world.url);
    await alice.post('/api/auth/customer/verify-code', { phone: '+8613800000001', code: '123456' });
    const bob = new TestBrowser(world.url);
    await bob.post('/api/auth/customer/verify-code', { phone: '+8613800000002', code: '123456' });
    const [aliceSocket, bobSocket, socketB] = [await live(alice), await live(bob), await live(agentB)];
    await eventually(() => has(aliceSocket, 'hello') && has(bobSocket, 'hello') && has(socketB, 'hello'), 'the sockets to be greeted');
    await world.services.publish(callerIdentifiedV1, {
      ...fixtures.returningCallerPayload,
      callId: 'CA-live-b',
      customer: { ...fixtures.returningCallerPayload.customer, customerId: ALICE, phone: '+8613800000001' },
    });
    await eventually(() => has(socketB, 'caller.identified', 'CA-live-b'), 'agent B to see the returning caller');
    await world.services.publish(cartUpdatedV1, { cart: { ...fixtures.customerCart, owner: { customerId: BOB }, version: 9 } });
    await world.services.publish(cartUpdatedV1, { cart: { ...fixtures.customerCart, owner: { customerId: ALICE }, version: 10 } });
    await eventually(() => has(aliceSocket, 'cart.updated') && has(socketB, 'cart.updated', 'CA-live-b'), 'Alice and her agent to get her cart');
    await eventually(() => has(bobSocket, 'cart.updated'), 'Bob to get his cart');
    const aliceCarts = aliceSocket.messages.filter((message) => message.type === 'cart.updated');
    expect(aliceCarts.map((message) => (message.data.cart as Cart).owner)).toEqual([{ customerId: ALICE }]);
    expect(bobSocket.messages.filter((message) => message.type === 'cart.updated').map((message) => (message.data.cart as Cart).owner)).toEqual([{ customerId: BOB }]);
    expect(aliceSocket.messages.some((message) => message.type === 'caller.identified')).toBe(false);
  });

  it('passes an XSS-looking product name through as JSON data', async () => {
    const search = await agentA.get<{ hits: { name: string }[] }>('/api/agent/products?q=nivea');
    expect(search.status).toBe(200);
    expect(search.headers.get('content-type')).toContain('application/json');
    expect(search.body.hits[0].name).toBe(XSS_NAME);
  });

  it('sends reindex progress to catalogue managers and admins, not to agents', async () => {
    const manager = await staffBrowser(world, admin, 'cat-manager', 'catalogue-manager');
    const [managerSocket, agentSocket] = [await live(manager), await live(agentA)];
    await eventually(() => has(managerSocket, 'hello') && has(agentSocket, 'hello'), 'the sockets to be greeted');
    await world.services.publish(reindexProgressV1, fixtures.reindexProgress.payload);
    await eventually(() => has(managerSocket, 'reindex.progress'), 'the manager to see reindex progress');
    expect(has(agentSocket, 'reindex.progress')).toBe(false);
  });

  it('tells the agent and the customer when the caller is registered and an order is placed on the call', async () => {
    const bob = new TestBrowser(world.url);
    await bob.post('/api/auth/customer/verify-code', { phone: '+8613800000002', code: '123456' });
    const [bobSocket, socketA, socketB] = [await live(bob), await live(agentA), await live(agentB)];
    await eventually(() => has(bobSocket, 'hello') && has(socketA, 'hello') && has(socketB, 'hello'), 'the sockets to be greeted');
    await world.services.publish(customerRegisteredV1, {
      customerId: BOB,
      phone: '+8613800000002',
      how: 'agent',
      callId: 'CA-live-a',
      registeredAt: new Date().toISOString(),
    });
    await world.services.publish(orderPlacedV1, { order: { ...fixtures.placedOrder, customerId: BOB, callId: 'CA-live-a' } });
    await eventually(() => has(socketA, 'order.placed', 'CA-live-a') && has(bobSocket, 'order.placed'), 'the order to reach agent A and Bob');
    expect(has(socketA, 'customer.registered', 'CA-live-a')).toBe(true);
    expect(has(bobSocket, 'customer.registered')).toBe(true);
    expect(has(socketB, 'order.placed')).toBe(false);
    expect(has(socketB, 'customer.registered')).toBe(false);
  });

  it("lists the caller's orders to the agent on the call only", async () => {
    callOwners.set('CA-live-b', { customerId: ALICE });
    callOwners.set('CA-live-a', { customerId: BOB });
    const asked: Array<{ customerId: string; limit: number }> = [];
    await world.services.reply(orderListV1, ({ customerId, limit }) => {
      asked.push({ customerId, limit });
      return { ok: true, orders: [{ ...fixtures.placedOrder, customerId }] };
    });
    const mine = await agentB.call<{ orders: Array<{ customerId: string }> }>('GET', '/api/agent/calls/CA-live-b/orders?limit=50');
    expect(mine.status).toBe(200);
    expect(mine.body.orders.map((order) => order.customerId)).toEqual([ALICE]);
    expect(asked).toEqual([{ customerId: ALICE, limit: 50 }]);
    await expect(agentA.call('GET', '/api/agent/calls/CA-live-b/orders')).resolves.toMatchObject({ status: 403 });
    await expect(agentB.call('GET', '/api/agent/calls/CA-live-b/orders?limit=500')).resolves.toMatchObject({ status: 400 });
    await expect(new TestBrowser(world.url).call('GET', '/api/agent/calls/CA-live-b/orders')).resolves.toMatchObject({ status: 401 });
    expect(asked).toHaveLength(1);
    // Agent A's own call is with Bob (registered on it earlier): agent A sees Bob's orders, never Alice's.
    const theirs = await agentA.call<{ orders: Array<{ customerId: string }> }>('GET', '/api/agent/calls/CA-live-a/orders');
    expect(theirs.body.orders.map((order) => order.customerId)).toEqual([BOB]);
    expect(asked).toEqual([
      { customerId: ALICE, limit: 50 },
      { customerId: BOB, limit: 20 },
    ]);
  });

  it('tells the agent on a call with the customer when their wallet was credited, and no other agent', async () => {
    const [socketA, socketB] = [await live(agentA), await live(agentB)];
    await eventually(() => has(socketA, 'hello') && has(socketB, 'hello'), 'the sockets to be greeted');
    await world.services.publish(walletCreditedV1, { ...fixtures.walletCredited.payload, customerId: ALICE });
    await eventually(() => has(socketB, 'wallet.credited', 'CA-live-b'), 'the credit to reach agent B on the call with Alice');
    expect(socketB.messages.find((message) => message.type === 'wallet.credited')?.data).toMatchObject({ customerId: ALICE, balance: fixtures.walletCredited.payload.balance });
    expect(has(socketA, 'wallet.credited')).toBe(false);
  });

  it('tells the agent how the order placed on a call was settled, even after the caller hung up', async () => {
    const [socketA, socketB] = [await live(agentA), await live(agentB)];
    await eventually(() => has(socketA, 'hello') && has(socketB, 'hello'), 'the sockets to be greeted');
    await world.services.publish(callEndedV1, { ...fixtures.callEnded.payload, callId: 'CA-live-a' });
    await eventually(async () => (await world.sql(`SELECT 1 FROM gateway.routed_call WHERE call_id = 'CA-live-a' AND status = 'ended'`)).length === 1, 'call A to end');
    const payment = { ...fixtures.walletPay.success.payment, customerId: BOB, method: 'cash-on-delivery' as const };
    await world.services.publish(paymentSettledV1, payment, { callId: 'CA-live-a', correlationId: payment.orderId });
    await eventually(() => has(socketA, 'payment.settled', 'CA-live-a'), 'the settlement to reach agent A');
    expect(has(socketB, 'payment.settled')).toBe(false);
  });

  it('pushes a caller identified before the call was routed to the agent it is routed to, once', async () => {
    await agentA.post('/api/agent/availability', { available: false }); // free since call A ended: nobody may take call C yet
    const agentC = await staffBrowser(world, admin, 'agent-c', 'agent');
    const socketC = await live(agentC);
    await eventually(() => has(socketC, 'hello'), 'agent C to be greeted');
    await world.services.publish(callerIdentifiedV1, { ...fixtures.returningCallerPayload, callId: 'CA-live-c' });
    await world.services.publish(callStartedV1, { ...fixtures.callStarted.payload, callId: 'CA-live-c', callerNumber: '+8613800000009' });
    await eventually(async () => (await world.sql(`SELECT 1 FROM gateway.routed_call WHERE call_id = 'CA-live-c' AND status = 'queued'`)).length === 1, 'call C to wait in the queue');
    expect(has(socketC, 'caller.identified', 'CA-live-c')).toBe(false);
    await agentC.post('/api/agent/availability', { available: true });
    await eventually(() => has(socketC, 'call.ringing', 'CA-live-c') && has(socketC, 'caller.identified', 'CA-live-c'), 'agent C to get the call and its caller');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(socketC.messages.filter((message) => message.type === 'caller.identified' && message.callId === 'CA-live-c')).toHaveLength(1);
  });

  it('closes a live socket once its session is signed out', async () => {
    const carol = new TestBrowser(world.url);
    await carol.post('/api/auth/customer/verify-code', { phone: '+8613800000003', code: '123456' });
    const socket = await live(carol);
    const closed = new Promise<number>((resolve) => socket.socket.once('close', (code) => resolve(code)));
    await carol.post('/api/auth/sign-out');
    await world.app.get(LiveSocketServer).closeEndedSessions();
    await expect(closed).resolves.toBe(SESSION_ENDED_CLOSE_CODE);
  });
});
