import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@callcart/service-kit';

/**
 * The orders service's tables: customers and the calls they make, carts, orders with their
 * price snapshots, the prepaid wallet and its append-only ledger, payments (at most one per
 * order, enforced by the key), shipments, one-time sign-in codes, the staff audit trail, and the
 * transactional outbox of events.
 */
export class Commerce1764200000000 implements MigrationInterface {
  name = 'Commerce1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    const statements = [
      `CREATE TABLE "${s}"."customer" (
        "id" uuid PRIMARY KEY,
        "phone" text NOT NULL UNIQUE,
        "name" text,
        "default_address" jsonb,
        "registered_via" text NOT NULL CHECK ("registered_via" IN ('call-threshold', 'agent', 'web')),
        "registered_call_id" text,
        "registered_at" timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE "${s}"."call_session" (
        "call_id" text PRIMARY KEY,
        "caller_number" text NOT NULL,
        "phone" text,
        "identification" text NOT NULL CHECK ("identification" IN ('returning', 'new', 'unidentified')),
        "unidentified_reason" text,
        "customer_id" uuid REFERENCES "${s}"."customer" ("id"),
        "status" text NOT NULL CHECK ("status" IN ('active', 'ended')),
        "started_at" timestamptz NOT NULL,
        "ended_at" timestamptz,
        "registration_due_at" timestamptz
      )`,
      `CREATE INDEX "call_session_registration_due" ON "${s}"."call_session" ("registration_due_at")
        WHERE "status" = 'active' AND "customer_id" IS NULL AND "registration_due_at" IS NOT NULL`,
      `CREATE TABLE "${s}"."cart" (
        "id" uuid PRIMARY KEY,
        "customer_id" uuid REFERENCES "${s}"."customer" ("id"),
        "call_id" text,
        "status" text NOT NULL CHECK ("status" IN ('active', 'ordered', 'merged')),
        "confirmed_at" timestamptz,
        "version" integer NOT NULL DEFAULT 0,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CHECK (("customer_id" IS NULL) <> ("call_id" IS NULL) OR "status" <> 'active')
      )`,
      `CREATE UNIQUE INDEX "cart_one_active_per_customer" ON "${s}"."cart" ("customer_id") WHERE "status" = 'active' AND "customer_id" IS NOT NULL`,
      `CREATE UNIQUE INDEX "cart_one_active_per_call" ON "${s}"."cart" ("call_id") WHERE "status" = 'active' AND "call_id" IS NOT NULL`,
      `CREATE TABLE "${s}"."cart_line" (
        "cart_id" uuid NOT NULL REFERENCES "${s}"."cart" ("id") ON DELETE CASCADE,
        "product_id" text NOT NULL,
        "sku" text NOT NULL,
        "name" text NOT NULL,
        "unit_price_minor" bigint NOT NULL CHECK ("unit_price_minor" >= 0),
        "currency" char(3) NOT NULL,
        "quantity" integer NOT NULL CHECK ("quantity" BETWEEN 1 AND 99),
        "added_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("cart_id", "product_id")
      )`,
      `CREATE TABLE "${s}"."customer_order" (
        "id" uuid PRIMARY KEY,
        "customer_id" uuid NOT NULL REFERENCES "${s}"."customer" ("id"),
        "idempotency_key" text NOT NULL,
        "state" text NOT NULL CHECK ("state" IN ('placed', 'awaiting_payment', 'paid', 'cash_on_delivery', 'ready_to_ship', 'shipped', 'cancelled')),
        "total_minor" bigint NOT NULL CHECK ("total_minor" >= 0),
        "currency" char(3) NOT NULL,
        "shipping_address" jsonb NOT NULL,
        "placed_by" text NOT NULL CHECK ("placed_by" IN ('agent', 'customer')),
        "call_id" text,
        "placed_at" timestamptz NOT NULL,
        "payment_due_at" timestamptz NOT NULL,
        "cancelled_at" timestamptz,
        "cancel_reason" text,
        UNIQUE ("customer_id", "idempotency_key")
      )`,
      `CREATE INDEX "customer_order_awaiting_payment" ON "${s}"."customer_order" ("payment_due_at") WHERE "state" = 'awaiting_payment'`,
      `CREATE INDEX "customer_order_by_customer" ON "${s}"."customer_order" ("customer_id", "placed_at" DESC)`,
      `CREATE TABLE "${s}"."order_line" (
        "order_id" uuid NOT NULL REFERENCES "${s}"."customer_order" ("id"),
        "position" integer NOT NULL,
        "product_id" text NOT NULL,
        "sku" text NOT NULL,
        "name" text NOT NULL,
        "unit_price_minor" bigint NOT NULL CHECK ("unit_price_minor" >= 0),
        "quantity" integer NOT NULL CHECK ("quantity" BETWEEN 1 AND 99),
        PRIMARY KEY ("order_id", "position")
      )`,
      `CREATE TABLE "${s}"."wallet" (
        "customer_id" uuid PRIMARY KEY REFERENCES "${s}"."customer" ("id"),
        "balance_minor" bigint NOT NULL DEFAULT 0 CHECK ("balance_minor" >= 0),
        "currency" char(3) NOT NULL
      )`,
      `CREATE TABLE "${s}"."wallet_entry" (
        "id" uuid PRIMARY KEY,
        "seq" bigserial NOT NULL UNIQUE,
        "customer_id" uuid NOT NULL REFERENCES "${s}"."wallet" ("customer_id"),
        "kind" text NOT NULL CHECK ("kind" IN ('top-up', 'payment', 'refund')),
        "amount_minor" bigint NOT NULL CHECK ("amount_minor" <> 0),
        "balance_after_minor" bigint NOT NULL CHECK ("balance_after_minor" >= 0),
        "currency" char(3) NOT NULL,
        "order_id" uuid REFERENCES "${s}"."customer_order" ("id"),
        "reason" text,
        "staff_id" text,
        "call_id" text,
        "idempotency_key" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CHECK (("kind" = 'top-up') = ("order_id" IS NULL)),
        CHECK ("kind" <> 'top-up' OR ("amount_minor" > 0 AND "reason" IS NOT NULL AND "staff_id" IS NOT NULL)),
        CHECK ("kind" <> 'payment' OR "amount_minor" < 0),
        CHECK ("kind" <> 'refund' OR "amount_minor" > 0)
      )`,
      `CREATE UNIQUE INDEX "wallet_entry_top_up_once" ON "${s}"."wallet_entry" ("customer_id", "idempotency_key") WHERE "kind" = 'top-up'`,
      `CREATE UNIQUE INDEX "wallet_entry_refund_once" ON "${s}"."wallet_entry" ("order_id") WHERE "kind" = 'refund'`,
      `CREATE INDEX "wallet_entry_by_customer" ON "${s}"."wallet_entry" ("customer_id", "seq" DESC)`,
      // The ledger is append-only: corrections are new entries, never edits.
      `CREATE FUNCTION "${s}".wallet_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the wallet ledger is append-only'; END $$`,
      `CREATE TRIGGER "wallet_entry_append_only" BEFORE UPDATE OR DELETE ON "${s}"."wallet_entry"
        FOR EACH ROW EXECUTE FUNCTION "${s}".wallet_entry_append_only()`,
      `CREATE TABLE "${s}"."payment" (
        "order_id" uuid PRIMARY KEY REFERENCES "${s}"."customer_order" ("id"),
        "customer_id" uuid NOT NULL,
        "method" text NOT NULL CHECK ("method" IN ('wallet', 'cash-on-delivery')),
        "amount_minor" bigint NOT NULL CHECK ("amount_minor" >= 0),
        "currency" char(3) NOT NULL,
        "idempotency_key" text,
        "settled_at" timestamptz NOT NULL
      )`,
      `CREATE TABLE "${s}"."shipment" (
        "id" uuid PRIMARY KEY,
        "order_id" uuid NOT NULL UNIQUE REFERENCES "${s}"."customer_order" ("id"),
        "address" jsonb NOT NULL,
        "payment_method" text NOT NULL,
        "amount_to_collect_minor" bigint NOT NULL CHECK ("amount_to_collect_minor" >= 0),
        "currency" char(3) NOT NULL,
        "ready_at" timestamptz NOT NULL,
        "cancelled_at" timestamptz
      )`,
      `CREATE TABLE "${s}"."one_time_code" (
        "phone" text PRIMARY KEY,
        "code_hash" text NOT NULL,
        "expires_at" timestamptz NOT NULL,
        "failed_attempts" integer NOT NULL DEFAULT 0,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE "${s}"."code_send" ("phone" text NOT NULL, "sent_at" timestamptz NOT NULL DEFAULT now())`,
      `CREATE INDEX "code_send_by_phone" ON "${s}"."code_send" ("phone", "sent_at" DESC)`,
      `CREATE TABLE "${s}"."sms_outbox" (
        "id" uuid PRIMARY KEY,
        "phone" text NOT NULL,
        "text" text NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE "${s}"."staff_audit" (
        "id" bigserial PRIMARY KEY,
        "staff_id" text NOT NULL,
        "call_id" text,
        "customer_id" uuid,
        "action" text NOT NULL,
        "details" jsonb NOT NULL DEFAULT '{}',
        "at" timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX "staff_audit_by_customer" ON "${s}"."staff_audit" ("customer_id", "at" DESC)`,
      `CREATE TABLE "${s}"."outbox_event" (
        "seq" bigserial PRIMARY KEY,
        "id" uuid NOT NULL UNIQUE,
        "subject" text NOT NULL,
        "payload" jsonb NOT NULL,
        "call_id" text,
        "correlation_id" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "published_at" timestamptz
      )`,
      `CREATE INDEX "outbox_event_pending" ON "${s}"."outbox_event" ("seq") WHERE "published_at" IS NULL`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    for (const table of ['outbox_event', 'staff_audit', 'sms_outbox', 'code_send', 'one_time_code', 'shipment', 'payment', 'wallet_entry', 'wallet', 'order_line', 'customer_order', 'cart_line', 'cart', 'call_session', 'customer']) {
      await queryRunner.query(`DROP TABLE IF EXISTS "${s}"."${table}" CASCADE`);
    }
    await queryRunner.query(`DROP FUNCTION IF EXISTS "${s}".wallet_entry_append_only()`);
  }
}
