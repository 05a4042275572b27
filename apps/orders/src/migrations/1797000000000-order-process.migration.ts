import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@callcart/service-kit';

/**
 * The order process (decision 0005): every state change of an order is a row of
 * `order_state_change`; a shipment records when and by whom it was shipped; orders are listed by
 * state for the admin's fulfilment view. Existing orders are moved to the state they rest in and
 * given the history they went through (placed, window opened, settled, shipment prepared,
 * cancelled), dated from what the rows already say.
 */
export class OrderProcess1797000000000 implements MigrationInterface {
  name = 'OrderProcess1797000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    const statements = [
      `CREATE TABLE "${s}"."order_state_change" (
        "seq" bigserial PRIMARY KEY,
        "order_id" uuid NOT NULL REFERENCES "${s}"."customer_order" ("id"),
        "from_state" text,
        "to_state" text NOT NULL,
        "reason" text NOT NULL,
        "actor" jsonb,
        "changed_at" timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX "order_state_change_by_order" ON "${s}"."order_state_change" ("order_id", "seq")`,
      `CREATE INDEX "customer_order_by_state" ON "${s}"."customer_order" ("state", "placed_at" DESC)`,
      `ALTER TABLE "${s}"."shipment" ADD COLUMN "shipped_at" timestamptz, ADD COLUMN "shipped_by" text`,
      // Pass-through states are never left at rest (none should be; this makes sure).
      `UPDATE "${s}"."customer_order" SET "state" = 'awaiting_payment' WHERE "state" = 'placed'`,
      `UPDATE "${s}"."customer_order" o SET "state" = 'ready_to_ship'
       WHERE "state" IN ('paid', 'cash_on_delivery') AND EXISTS (SELECT 1 FROM "${s}"."shipment" sh WHERE sh."order_id" = o."id")`,
      `INSERT INTO "${s}"."order_state_change" ("order_id", "from_state", "to_state", "reason", "changed_at")
       SELECT "id", NULL, 'placed', 'placed', "placed_at" FROM "${s}"."customer_order" ORDER BY "placed_at"`,
      `INSERT INTO "${s}"."order_state_change" ("order_id", "from_state", "to_state", "reason", "changed_at")
       SELECT "id", 'placed', 'awaiting_payment', 'payment window opened', "placed_at" FROM "${s}"."customer_order" ORDER BY "placed_at"`,
      `INSERT INTO "${s}"."order_state_change" ("order_id", "from_state", "to_state", "reason", "changed_at")
       SELECT p."order_id", 'awaiting_payment', CASE p."method" WHEN 'wallet' THEN 'paid' ELSE 'cash_on_delivery' END,
              CASE p."method" WHEN 'wallet' THEN 'paid from the wallet' ELSE 'payment window expired' END, p."settled_at"
       FROM "${s}"."payment" p ORDER BY p."settled_at"`,
      `INSERT INTO "${s}"."order_state_change" ("order_id", "from_state", "to_state", "reason", "changed_at")
       SELECT p."order_id", CASE p."method" WHEN 'wallet' THEN 'paid' ELSE 'cash_on_delivery' END, 'ready_to_ship', 'shipment prepared', p."settled_at"
       FROM "${s}"."payment" p ORDER BY p."settled_at"`,
      `INSERT INTO "${s}"."order_state_change" ("order_id", "from_state", "to_state", "reason", "changed_at")
       SELECT o."id", CASE WHEN EXISTS (SELECT 1 FROM "${s}"."payment" p WHERE p."order_id" = o."id") THEN 'ready_to_ship' ELSE 'awaiting_payment' END,
              'cancelled', 'cancelled: ' || coalesce(o."cancel_reason", ''), coalesce(o."cancelled_at", now())
       FROM "${s}"."customer_order" o WHERE o."state" = 'cancelled' ORDER BY o."cancelled_at"`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`UPDATE "${s}"."customer_order" SET "state" = 'ready_to_ship' WHERE "state" = 'shipped'`);
    await queryRunner.query(`ALTER TABLE "${s}"."shipment" DROP COLUMN "shipped_by", DROP COLUMN "shipped_at"`);
    await queryRunner.query(`DROP INDEX "${s}"."customer_order_by_state"`);
    await queryRunner.query(`DROP TABLE "${s}"."order_state_change"`);
  }
}
