import { callerIdentifiedV1, customerRegisteredV1, customerRegisterV1 } from '@callcart/contracts';
import { eventually } from '@callcart/testing';
import { newPhone, OrdersWorld } from '../orders-world.spec-helper';

/**
 * Time is the subject of these tests, so instead of waiting for registration deadlines they are
 * moved: `passDeadline` puts a call's deadline in the past (as if the threshold had elapsed), and
 * `timerHasRun` proves that the registration timer has since polled and published: a fresh call
 * whose deadline is already past gets registered, and registrations leave the outbox in order.
 */
async function passDeadline(world: OrdersWorld, callId: string): Promise<void> {
  await world.sql(`UPDATE @.call_session SET "registration_due_at" = now() - interval '1 minute' WHERE "call_id" = $1`, [callId]);
}

async function timerHasRun(world: OrdersWorld, registered: { items: { callId?: string }[] }): Promise<void> {
  const sentinel = await world.startCall(newPhone());
  await eventually(async () => (await world.sql(`SELECT 1 FROM @.call_session WHERE "call_id" = $1`, [sentinel])).length === 1, 'sentinel session row');
  await world.sql(`UPDATE @.call_session SET "registration_due_at" = now() WHERE "call_id" = $1`, [sentinel]);
  await eventually(() => registered.items.some((item) => item.callId === sentinel), 'the timer to register a call past its deadline', 8000);
  await world.endCall(sentinel);
}

describe('callers: identification and registration at the call-length threshold', () => {
  let world: OrdersWorld;

  beforeAll(async () => {
    world = await OrdersWorld.create();
    await world.startReplica();
  });

  afterAll(async () => {
    await world.close();
  });

  it('identifies an unknown caller as new, registers them once the call passes the threshold, and knows them next time', async () => {
    const identified = await world.collect(callerIdentifiedV1);
    const registered = await world.collect(customerRegisteredV1);
    const phone = newPhone();
    const started = new Date();
    const callId = await world.startCall(phone.replace('+86', ''), started);

    await eventually(() => identified.items.some((item) => item.callId === callId), 'caller identified');
    const first = identified.items.find((item) => item.callId === callId)!;
    expect(first).toEqual({ status: 'new', callId, phone, registrationDueAt: new Date(started.getTime() + 1500).toISOString() });

    await eventually(() => registered.items.some((item) => item.callId === callId), 'registration at the threshold', 5000);
    const registration = registered.items.find((item) => item.callId === callId)!;
    expect(registration).toMatchObject({ phone, how: 'call-threshold', callId });
    await expect(world.sql(`SELECT "phone", "registered_via" FROM @.customer WHERE "phone" = $1`, [phone])).resolves.toEqual([
      { phone, registered_via: 'call-threshold' },
    ]);
    await expect(world.sql(`SELECT "balance_minor" FROM @.wallet WHERE "customer_id" = $1`, [registration.customerId])).resolves.toEqual([
      { balance_minor: '0' },
    ]);

    const secondCall = await world.startCall(phone);
    await eventually(() => identified.items.some((item) => item.callId === secondCall), 'second identification');
    const second = identified.items.find((item) => item.callId === secondCall)!;
    expect(second.status).toBe('returning');
    if (second.status !== 'returning') throw new Error('unreachable');
    expect(second.customer).toMatchObject({ customerId: registration.customerId, phone, walletBalance: { amountMinor: 0, currency: 'CNY' }, recentOrders: [] });
    await world.endCall(callId);
    await world.endCall(secondCall);
  });

  it('registers nobody when the call ends before the threshold', async () => {
    const registered = await world.collect(customerRegisteredV1);
    const phone = newPhone();
    const callId = await world.startCall(phone);
    await eventually(async () => (await world.sql(`SELECT 1 FROM @.call_session WHERE "call_id" = $1`, [callId])).length === 1, 'session row');
    await world.endCall(callId, 800);
    await eventually(async () => (await world.sql(`SELECT "status" FROM @.call_session WHERE "call_id" = $1`, [callId]))[0]?.status === 'ended', 'the call ended');
    await passDeadline(world, callId);
    await timerHasRun(world, registered);
    expect(registered.items.filter((item) => item.callId === callId)).toEqual([]);
    await expect(world.sql(`SELECT 1 FROM @.customer WHERE "phone" = $1`, [phone])).resolves.toEqual([]);
  });

  it.each([
    ['anonymous', 'withheld'],
    ['', 'withheld'],
    ['+266696687', 'withheld'],
    ['client:agent-7', 'unsupported'],
    ['call me maybe', 'invalid'],
    ['12345', 'invalid'],
  ])('goes on with a caller numbered %p as unidentified (%s) and registers nothing', async (callerNumber, reason) => {
    const identified = await world.collect(callerIdentifiedV1);
    const callId = await world.startCall(callerNumber);
    await eventually(() => identified.items.some((item) => item.callId === callId), 'identification');
    expect(identified.items.find((item) => item.callId === callId)).toEqual({ status: 'unidentified', callId, reason, callerNumber });
    // Nothing to register: no deadline is set for the call (the timer only ever looks at deadlines).
    await expect(world.sql(`SELECT "customer_id", "registration_due_at" FROM @.call_session WHERE "call_id" = $1`, [callId])).resolves.toEqual([
      { customer_id: null, registration_due_at: null },
    ]);
    await world.endCall(callId);
  });

  it('lets the agent register the caller at any moment, once', async () => {
    const registered = await world.collect(customerRegisteredV1);
    const phone = newPhone();
    const callId = await world.startCall(phone);
    await eventually(async () => (await world.sql(`SELECT 1 FROM @.call_session WHERE "call_id" = $1`, [callId])).length === 1, 'session row');
    const reply = await world.client.request(customerRegisterV1, { phone, how: 'agent', callId, actor: { kind: 'staff', staffId: 'agent-7', callId } });
    expect(reply).toMatchObject({ ok: true, customer: { phone } });
    await expect(world.client.request(customerRegisterV1, { phone, how: 'agent' })).resolves.toMatchObject({ ok: false, code: 'ALREADY_REGISTERED' });
    await passDeadline(world, callId);
    await timerHasRun(world, registered);
    expect(registered.items.filter((item) => item.phone === phone)).toEqual([expect.objectContaining({ how: 'agent', callId })]);
    await expect(world.sql(`SELECT "staff_id", "call_id", "action" FROM @.staff_audit WHERE "call_id" = $1`, [callId])).resolves.toEqual([
      { staff_id: 'agent-7', call_id: callId, action: 'customer.register' },
    ]);
    await world.endCall(callId);
  });

  it('refuses to register a number that is not a phone number, writing nothing', async () => {
    await expect(world.client.request(customerRegisterV1, { phone: '12ab', how: 'agent' })).resolves.toMatchObject({ ok: false, code: 'INVALID_PHONE' });
    await expect(world.client.request(customerRegisterV1, { phone: newPhone(), how: 'agent', callId: 'CAnone' })).resolves.toMatchObject({
      ok: false,
      code: 'CALL_NOT_FOUND',
    });
  });
});

describe('callers: the registration timer with replicas and restarts', () => {
  let world: OrdersWorld;

  beforeAll(async () => {
    world = await OrdersWorld.create();
  });

  afterAll(async () => {
    await world.close();
  });

  it('registers once with two replicas running', async () => {
    await world.startReplica();
    await world.startReplica();
    const registered = await world.collect(customerRegisteredV1);
    const phones = Array.from({ length: 10 }, newPhone);
    const calls = await Promise.all(phones.map((phone) => world.startCall(phone)));
    await eventually(() => calls.every((callId) => registered.items.some((item) => item.callId === callId)), '10 registrations', 8000);
    await timerHasRun(world, registered);
    expect(registered.items.filter((item) => calls.includes(item.callId!))).toHaveLength(10);
    const [{ count }] = await world.sql<{ count: string }>(`SELECT count(*) AS count FROM @.customer WHERE "phone" = ANY($1)`, [phones]);
    expect(count).toBe('10');
    for (const callId of calls) await world.endCall(callId);
    for (const replica of [...world.replicas]) await world.stopReplica(replica);
  });

  it('still registers after the service was down across the deadline', async () => {
    const replica = await world.startReplica();
    const registered = await world.collect(customerRegisteredV1);
    const phone = newPhone();
    const callId = await world.startCall(phone);
    await eventually(async () => (await world.sql(`SELECT 1 FROM @.call_session WHERE "call_id" = $1`, [callId])).length === 1, 'session row');
    await world.stopReplica(replica);
    // The threshold elapses while no replica runs.
    await passDeadline(world, callId);
    expect(registered.items).toEqual([]);
    await world.startReplica();
    await eventually(() => registered.items.some((item) => item.callId === callId), 'registration after restart', 5000);
    await timerHasRun(world, registered);
    expect(registered.items.filter((item) => item.callId === callId)).toHaveLength(1);
    await world.endCall(callId);
  });
});
