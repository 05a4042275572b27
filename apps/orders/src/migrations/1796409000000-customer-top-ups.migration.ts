import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@callcart/service-kit';

/**
 * Customers top up their own wallet through a payment provider (Alipay): the top-up rows (a
 * pending payment with its deadline, a row timer like the payment window) and the ledger's
 * `paid-in` credits, each naming the provider's trade number, credited at most once per trade
 * (a unique index, behind the service's row lock).
 */
export class CustomerTopUps1796409000000 implements MigrationInterface {
  name = 'CustomerTopUps1796409000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    const statements = [
      `CREATE TABLE "${s}"."wallet_top_up" (
        "id" uuid PRIMARY KEY,
        "customer_id" uuid NOT NULL REFERENCES "${s}"."wallet" ("customer_id"),
        "provider" text NOT NULL CHECK ("provider" IN ('alipay')),
        "amount_minor" bigint NOT NULL CHECK ("amount_minor" > 0),
        "currency" char(3) NOT NULL,
        "idempotency_key" text NOT NULL,
        "state" text NOT NULL CHECK ("state" IN ('pending', 'paid', 'expired')),
        "pay_url" text,
        "provider_trade_no" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "expires_at" timestamptz NOT NULL,
        "paid_at" timestamptz,
        UNIQUE ("customer_id", "idempotency_key"),
        CHECK (("state" = 'paid') = ("provider_trade_no" IS NOT NULL AND "paid_at" IS NOT NULL))
      )`,
      `CREATE INDEX "wallet_top_up_pending" ON "${s}"."wallet_top_up" ("expires_at") WHERE "state" = 'pending'`,
      `ALTER TABLE "${s}"."wallet_entry" ADD COLUMN "provider" text, ADD COLUMN "provider_trade_no" text, ADD COLUMN "top_up_id" uuid REFERENCES "${s}"."wallet_top_up" ("id")`,
      // The first ledger's rules named only its three kinds: they are replaced by rules that know `paid-in`.
      `DO $$ DECLARE rule record; BEGIN
        FOR rule IN SELECT conname FROM pg_constraint
          WHERE conrelid = '"${s}"."wallet_entry"'::regclass AND contype = 'c'
            AND (pg_get_constraintdef(oid) LIKE '%order_id IS NULL%' OR conname = 'wallet_entry_kind_check')
        LOOP EXECUTE format('ALTER TABLE "${s}"."wallet_entry" DROP CONSTRAINT %I', rule.conname); END LOOP;
      END $$`,
      `ALTER TABLE "${s}"."wallet_entry"
        ADD CONSTRAINT "wallet_entry_kind_check" CHECK ("kind" IN ('top-up', 'payment', 'refund', 'paid-in')),
        ADD CONSTRAINT "wallet_entry_order_named" CHECK (("kind" IN ('top-up', 'paid-in')) = ("order_id" IS NULL)),
        ADD CONSTRAINT "wallet_entry_paid_in_named" CHECK (("kind" = 'paid-in') = ("provider" IS NOT NULL AND "provider_trade_no" IS NOT NULL AND "top_up_id" IS NOT NULL)),
        ADD CONSTRAINT "wallet_entry_paid_in_credit" CHECK ("kind" <> 'paid-in' OR "amount_minor" > 0)`,
      `CREATE UNIQUE INDEX "wallet_entry_paid_in_once" ON "${s}"."wallet_entry" ("provider", "provider_trade_no") WHERE "kind" = 'paid-in'`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP INDEX IF EXISTS "${s}"."wallet_entry_paid_in_once"`);
    await queryRunner.query(
      `ALTER TABLE "${s}"."wallet_entry" DROP CONSTRAINT "wallet_entry_paid_in_credit", DROP CONSTRAINT "wallet_entry_paid_in_named", DROP CONSTRAINT "wallet_entry_order_named", DROP CONSTRAINT "wallet_entry_kind_check"`,
    );
    await queryRunner.query(
      `ALTER TABLE "${s}"."wallet_entry" ADD CONSTRAINT "wallet_entry_kind_check" CHECK ("kind" IN ('top-up', 'payment', 'refund')), ADD CHECK (("kind" = 'top-up') = ("order_id" IS NULL))`,
    );
    await queryRunner.query(`ALTER TABLE "${s}"."wallet_entry" DROP COLUMN "top_up_id", DROP COLUMN "provider_trade_no", DROP COLUMN "provider"`);
    await queryRunner.query(`DROP TABLE IF EXISTS "${s}"."wallet_top_up"`);
  }
}
