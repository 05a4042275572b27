import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { cartAddItemV1, cartUpdatedV1, customerRegisterV1 } from '@callcart/contracts';
import { eventually } from '@callcart/testing';
import { newPhone, OrdersWorld, products } from '../orders-world.spec-helper';

interface OutboxRow {
  id: string;
  attempts: number;
  last_error: string | null;
  published_at: Date | null;
  parked_at: Date | null;
}

describe('the outbox when an event cannot be published', () => {
  let world: OrdersWorld;
  let registry: Registry;

  beforeAll(async () => {
    world = await OrdersWorld.create();
    const replica = await world.startReplica({ OUTBOX_MAX_ATTEMPTS: '3', OUTBOX_RETENTION: '2s' });
    registry = replica.app.get(Registry);
  });

  afterAll(async () => {
    await world.close();
  });

  async function insertEvent(subject: string, payload: unknown, correlationId: string): Promise<string> {
    const id = randomUUID();
    await world.sql(`INSERT INTO @.outbox_event ("id", "subject", "payload", "correlation_id") VALUES ($1, $2, $3, $4)`, [
      id,
      subject,
      JSON.stringify(payload),
      correlationId,
    ]);
    return id;
  }

  async function outboxRow(id: string): Promise<OutboxRow | undefined> {
    const [row] = await world.sql<OutboxRow>(`SELECT "id", "attempts", "last_error", "published_at", "parked_at" FROM @.outbox_event WHERE "id" = $1`, [id]);
    return row;
  }

  it('parks a poisoned event after its attempts while later events go out; only its own aggregate waits', async () => {
    const updates = await world.collect(cartUpdatedV1);
    const poisonId = await insertEvent('orders.no-such-contract.v1', { anything: true }, 'order-poisoned');

    const registered = await world.client.request(customerRegisterV1, { phone: newPhone(), how: 'agent' });
    if (!registered.ok) throw new Error(registered.message);
    const { customerId } = registered.customer;
    await world.client.request(cartAddItemV1, { cart: { customerId }, productId: products.tea.id, quantity: 1 });
    const isMine = (update: (typeof updates.items)[number]) => 'customerId' in update.cart.owner && update.cart.owner.customerId === customerId;
    await eventually(() => updates.items.some(isMine), 'the cart update published past the poisoned event');

    const mine = updates.items.find(isMine);
    const heldId = await insertEvent(cartUpdatedV1.subject, mine, 'order-poisoned');
    const otherId = await insertEvent(cartUpdatedV1.subject, mine, 'order-healthy');

    await eventually(async () => (await outboxRow(poisonId))?.parked_at != null, 'the poisoned event parked', 15_000);
    const poisoned = await outboxRow(poisonId);
    expect(poisoned).toMatchObject({ attempts: 3, published_at: null });
    expect(poisoned?.last_error).toContain('unknown subject orders.no-such-contract.v1');
    await eventually(async () => (await outboxRow(otherId))?.published_at != null, 'the other aggregate’s event published');
    await expect(outboxRow(heldId)).resolves.toMatchObject({ attempts: 0, published_at: null, parked_at: null });

    const parked = await registry.getSingleMetric('callcart_outbox_events_parked_total')?.get();
    expect(parked?.values).toEqual([expect.objectContaining({ value: 1, labels: expect.objectContaining({ subject: 'orders.no-such-contract.v1' }) })]);
  });

  it('prunes published events and processed inbox messages after the retention, never unpublished ones', async () => {
    const oldMessage = randomUUID();
    await world.sql(`INSERT INTO @.inbox_message ("consumer", "message_id", "processed_at") VALUES ('test', $1, now() - interval '1 hour')`, [oldMessage]);
    const keptId = await insertEvent('orders.no-such-contract.v1', {}, `order-${randomUUID()}`);

    await eventually(
      async () => (await world.sql(`SELECT 1 FROM @.inbox_message WHERE "message_id" = $1`, [oldMessage])).length === 0,
      'the old inbox message pruned',
      10_000,
    );
    await eventually(
      async () => (await world.sql(`SELECT 1 FROM @.outbox_event WHERE "published_at" IS NOT NULL`)).length === 0,
      'published events pruned',
      10_000,
    );
    await expect(world.sql(`SELECT 1 FROM @.outbox_event WHERE "published_at" IS NULL`)).resolves.not.toHaveLength(0);
    await expect(outboxRow(keptId)).resolves.toMatchObject({ published_at: null });
  });
});
