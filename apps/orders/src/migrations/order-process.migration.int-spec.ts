import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { DatabaseSpec } from '@callcart/service-kit';
import { createTestDatabase, type TestDatabase } from '@callcart/testing';
import { ordersDatabase } from '../orders.database';
import { OrderProcess1797000000000 } from './1797000000000-order-process.migration';

/**
 * The order-process migration on a database with orders from before it: each order is left
 * resting where the process would have it and gets the history its rows imply.
 */
describe('migration: the order process over existing orders', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  const open = (migrations: DatabaseSpec['migrations']) =>
    new DataSource({ type: 'postgres', url: database.url, schema: 'orders', migrations: [...migrations], migrationsTableName: 'migrations' }).initialize();

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database.drop();
  });

  it('moves pass-through states to where they rest and writes each order its history', async () => {
    const before = ordersDatabase.migrations.filter((migration) => migration !== OrderProcess1797000000000);
    expect(before).toHaveLength(ordersDatabase.migrations.length - 1);
    const old = await open(before);
    await old.query(`CREATE SCHEMA IF NOT EXISTS "orders"`);
    await old.runMigrations({ transaction: 'each' });
    const customer = randomUUID();
    await old.query(`INSERT INTO orders.customer ("id", "phone", "registered_via") VALUES ($1, '+8613900009999', 'agent')`, [customer]);
    const ids = { waiting: randomUUID(), walletPaid: randomUUID(), cash: randomUUID(), cancelled: randomUUID(), stuckPaid: randomUUID() };
    const order = (id: string, state: string, placedAt: string, cancelled = false) =>
      old.query(
        `INSERT INTO orders.customer_order ("id", "customer_id", "idempotency_key", "state", "total_minor", "currency", "shipping_address", "placed_by", "placed_at", "payment_due_at", "cancelled_at", "cancel_reason")
         VALUES ($1, $2, $7, $3, 2590, 'CNY', '{}', 'agent', $4, $4::timestamptz + interval '30 minutes', $5, $6)`,
        [id, customer, state, placedAt, cancelled ? '2026-01-01T09:00:00Z' : null, cancelled ? 'changed mind' : null, `key-${id}`],
      );
    const settle = async (id: string, method: string, at: string) => {
      await old.query(`INSERT INTO orders.payment ("order_id", "customer_id", "method", "amount_minor", "currency", "settled_at") VALUES ($1, $2, $3, 2590, 'CNY', $4)`, [id, customer, method, at]);
      await old.query(
        `INSERT INTO orders.shipment ("id", "order_id", "address", "payment_method", "amount_to_collect_minor", "currency", "ready_at") VALUES ($1, $2, '{}', $3, 0, 'CNY', $4)`,
        [randomUUID(), id, method, at],
      );
    };
    await order(ids.waiting, 'awaiting_payment', '2026-01-01T08:00:00Z');
    await order(ids.walletPaid, 'ready_to_ship', '2026-01-01T08:01:00Z');
    await settle(ids.walletPaid, 'wallet', '2026-01-01T08:05:00Z');
    await order(ids.cash, 'ready_to_ship', '2026-01-01T08:02:00Z');
    await settle(ids.cash, 'cash-on-delivery', '2026-01-01T08:32:00Z');
    await order(ids.cancelled, 'cancelled', '2026-01-01T08:03:00Z', true);
    await order(ids.stuckPaid, 'paid', '2026-01-01T08:04:00Z');
    await settle(ids.stuckPaid, 'wallet', '2026-01-01T08:06:00Z');
    await old.destroy();

    dataSource = await open(ordersDatabase.migrations);
    await expect(dataSource.runMigrations({ transaction: 'each' })).resolves.toEqual([expect.objectContaining({ name: 'OrderProcess1797000000000' })]);
    const states = await dataSource.query(`SELECT "id", "state" FROM orders.customer_order`);
    expect(Object.fromEntries(states.map((row: { id: string; state: string }) => [row.id, row.state]))).toEqual({
      [ids.waiting]: 'awaiting_payment',
      [ids.walletPaid]: 'ready_to_ship',
      [ids.cash]: 'ready_to_ship',
      [ids.cancelled]: 'cancelled',
      [ids.stuckPaid]: 'ready_to_ship',
    });
    const history = async (id: string) =>
      (await dataSource.query(`SELECT "from_state", "to_state", "reason" FROM orders.order_state_change WHERE "order_id" = $1 ORDER BY "seq"`, [id])).map(
        (step: { from_state: string | null; to_state: string; reason: string }) => [step.from_state, step.to_state, step.reason],
      );
    await expect(history(ids.waiting)).resolves.toEqual([
      [null, 'placed', 'placed'],
      ['placed', 'awaiting_payment', 'payment window opened'],
    ]);
    await expect(history(ids.cash)).resolves.toEqual([
      [null, 'placed', 'placed'],
      ['placed', 'awaiting_payment', 'payment window opened'],
      ['awaiting_payment', 'cash_on_delivery', 'payment window expired'],
      ['cash_on_delivery', 'ready_to_ship', 'shipment prepared'],
    ]);
    await expect(history(ids.walletPaid)).resolves.toEqual([
      [null, 'placed', 'placed'],
      ['placed', 'awaiting_payment', 'payment window opened'],
      ['awaiting_payment', 'paid', 'paid from the wallet'],
      ['paid', 'ready_to_ship', 'shipment prepared'],
    ]);
    await expect(history(ids.cancelled)).resolves.toEqual([
      [null, 'placed', 'placed'],
      ['placed', 'awaiting_payment', 'payment window opened'],
      ['awaiting_payment', 'cancelled', 'cancelled: changed mind'],
    ]);
  });
});
