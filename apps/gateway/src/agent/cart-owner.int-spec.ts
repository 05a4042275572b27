import {
  callerIdentifiedV1,
  callStartedV1,
  cartAddItemV1,
  cartGetV1,
  customerGetV1,
  fixtures,
  orderPlaceV1,
  type Cart,
  type CartAddItemRequestV1,
  type CartOwner,
} from '@callcart/contracts';
import { ADMIN, startGatewayWorld, staffBrowser, TestBrowser, type GatewayWorld, type LiveClient } from '../gateway-world.spec-helper';
import { answerWhenRinging, openDesk } from '../routing/routing.spec-helper';

const CUSTOMER = 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e';
const CALL = 'CA-owner-1';

/**
 * Whose cart an agent's call means is decided in orders only: the gateway sends the call and
 * takes the customer from orders' answer, even when its own live events already named the
 * caller, and never looks the caller up by number itself.
 */
describe("the agent's cart on a call: owner decided by orders", () => {
  let world: GatewayWorld;
  let agent: TestBrowser & { staffId: string };
  const addItems: CartAddItemRequestV1[] = [];
  const cartGets: CartOwner[] = [];
  const placed: string[] = [];
  let customerLookups = 0;
  let desk: LiveClient;
  /** What orders says the call's cart is: the call's until the caller is registered. */
  let ownerOfCall: CartOwner = { callId: CALL };

  beforeAll(async () => {
    world = await startGatewayWorld();
    const admin = new TestBrowser(world.url);
    await admin.signInStaff(ADMIN.username, ADMIN.password);
    agent = await staffBrowser(world, admin, 'owner-agent', 'agent');
    const cartOf = (): Cart => ({ ...fixtures.callCart, owner: ownerOfCall });
    await world.services.reply(cartGetV1, ({ cart }) => {
      cartGets.push(cart);
      return { ok: true, cart: cartOf() };
    });
    await world.services.reply(cartAddItemV1, (request) => {
      addItems.push(request);
      return { ok: true, cart: cartOf() };
    });
    await world.services.reply(customerGetV1, () => {
      customerLookups += 1;
      return { ok: true, customer: { ...fixtures.customerGet.success.customer, customerId: CUSTOMER } };
    });
    await world.services.reply(orderPlaceV1, (request) => {
      placed.push(request.customerId);
      return { ok: true, order: { ...fixtures.placedOrder, customerId: request.customerId } };
    });
    desk = await openDesk(agent);
    await agent.post('/api/agent/availability', { available: true });
    await world.services.publish(callStartedV1, { ...fixtures.callStarted.payload, callId: CALL, callerNumber: '+8613811112222' });
    await answerWhenRinging(agent, CALL);
  });

  afterAll(async () => {
    desk.close();
    await world.close();
  });

  it('sends the call as the cart and refuses to place an order until orders names a customer', async () => {
    expect((await agent.post(`/api/agent/calls/${CALL}/cart/items`, { productId: fixtures.niveaCreme.id, quantity: 1 })).status).toBe(201);
    expect(addItems.at(-1)?.cart).toEqual({ callId: CALL });
    const refused = await agent.post(`/api/agent/calls/${CALL}/orders`, { idempotencyKey: 'key-owner-0001' });
    expect(refused).toMatchObject({ status: 409, body: { code: 'CUSTOMER_REQUIRED' } });
    expect(placed).toEqual([]);
  });

  it('keeps sending the call after its live events named the caller, and places for the customer orders resolved', async () => {
    await world.services.publish(callerIdentifiedV1, { ...fixtures.returningCallerPayload, callId: CALL, customer: { ...fixtures.returningCallerPayload.customer, customerId: CUSTOMER } });
    ownerOfCall = { customerId: CUSTOMER };
    const state = await agent.get<{ customerId: string | null }>(`/api/agent/calls/${CALL}`);
    expect(state.body.customerId).toBe(CUSTOMER);
    expect((await agent.post(`/api/agent/calls/${CALL}/cart/items`, { productId: fixtures.niveaCreme.id, quantity: 2 })).status).toBe(201);
    expect(addItems.at(-1)?.cart).toEqual({ callId: CALL });
    const order = await agent.post(`/api/agent/calls/${CALL}/orders`, { idempotencyKey: 'key-owner-0002' });
    expect(order.status).toBe(201);
    expect(placed).toEqual([CUSTOMER]);
    expect(cartGets.every((owner) => 'callId' in owner && owner.callId === CALL)).toBe(true);
    expect(customerLookups).toBe(0);
  });
});
