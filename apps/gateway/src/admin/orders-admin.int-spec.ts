import { randomUUID } from 'node:crypto';
import { customerGetV1, fixtures, orderBrowseV1, orderGetV1, orderShipV1, type OrderBrowseRequestV1, type OrderShipRequestV1 } from '@callcart/contracts';
import { requestFailure } from '@callcart/messaging';
import { ADMIN, startGatewayWorld, staffBrowser, TestBrowser, type GatewayWorld } from '../gateway-world.spec-helper';

/**
 * The admin's orders routes on a real gateway, with orders played by fixture responders: admins
 * only, queries and ids checked before anything is relayed, the admin named as who shipped, and
 * the order process's refusal as a 409 with its code.
 */
describe('admin orders and fulfilment routes', () => {
  let world: GatewayWorld;
  let admin: TestBrowser;
  let agent: TestBrowser & { staffId: string };
  const browsed: OrderBrowseRequestV1[] = [];
  const shipped: OrderShipRequestV1[] = [];
  const readyId = fixtures.placedOrder.id;

  beforeAll(async () => {
    world = await startGatewayWorld();
    admin = new TestBrowser(world.url);
    await admin.signInStaff(ADMIN.username, ADMIN.password);
    agent = await staffBrowser(world, admin, 'orders-agent', 'agent');
    await world.services.reply(orderBrowseV1, (request) => {
      browsed.push(request);
      return { ok: true, orders: [], total: 0, counts: [] };
    });
    await world.services.reply(orderGetV1, ({ orderId }) =>
      orderId === readyId
        ? { ok: true, order: fixtures.placedOrder, payment: null, history: [{ from: null, to: 'placed' as const, reason: 'placed', actor: { kind: 'staff' as const, staffId: agent.staffId }, at: fixtures.placedOrder.placedAt }] }
        : requestFailure('ORDER_NOT_FOUND', 'no such order'),
    );
    await world.services.reply(customerGetV1, () => fixtures.customerGet.success);
    await world.services.reply(orderShipV1, (request) => {
      shipped.push(request);
      return request.orderId === readyId
        ? { ok: true as const, order: { ...fixtures.placedOrder, state: 'shipped' as const }, shippedAt: new Date().toISOString() }
        : requestFailure('NOT_READY_TO_SHIP', 'the order is awaiting payment; only a ready-to-ship order ships');
    });
  });

  afterAll(async () => {
    await world.close();
  });

  it('lets only admins in', async () => {
    expect((await agent.get('/api/admin/orders?state=shipped')).status).toBe(403);
    expect((await agent.post(`/api/admin/orders/${readyId}/ship`, {})).status).toBe(403);
    expect((await new TestBrowser(world.url).get('/api/admin/orders?state=shipped')).status).toBe(401);
    expect(shipped).toEqual([]);
  });

  it('turns a page into an offset and refuses a state that does not exist', async () => {
    const listed = await admin.get('/api/admin/orders?state=ready_to_ship&payment=cash-on-delivery&page=3&limit=10');
    expect(listed).toMatchObject({ status: 200, body: { orders: [], total: 0, page: 3, limit: 10 } });
    expect(browsed.at(-1)).toEqual({ state: 'ready_to_ship', paymentMethod: 'cash-on-delivery', limit: 10, offset: 20 });
    const before = browsed.length;
    expect(await admin.get('/api/admin/orders?state=lost')).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST' } });
    expect(await admin.get('/api/admin/orders?state=shipped&page=0')).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST' } });
    expect(browsed).toHaveLength(before);
  });

  it('shows one order with its customer and history (staff by username), 404 for an unknown one, 400 for a malformed id', async () => {
    const found = await admin.get(`/api/admin/orders/${readyId}`);
    expect(found).toMatchObject({ status: 200, body: { order: { id: readyId }, customer: { customerId: fixtures.customerGet.success.customer.customerId }, history: [{ to: 'placed', staffName: 'orders-agent' }] } });
    expect(await admin.get(`/api/admin/orders/${randomUUID()}`)).toMatchObject({ status: 404, body: { code: 'ORDER_NOT_FOUND' } });
    expect(await admin.get('/api/admin/orders/not-an-id')).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST' } });
  });

  it('ships as the admin, and answers the process refusal with 409 and its code', async () => {
    const done = await admin.post(`/api/admin/orders/${readyId}/ship`, {});
    expect(done).toMatchObject({ status: 200, body: { order: { state: 'shipped' } } });
    expect(shipped.at(-1)).toEqual({ orderId: readyId, actor: { kind: 'staff', staffId: expect.any(String) } });
    const other = randomUUID();
    expect(await admin.post(`/api/admin/orders/${other}/ship`, {})).toMatchObject({ status: 409, body: { code: 'NOT_READY_TO_SHIP' } });
  });
});
