import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@callcart/service-kit';

/**
 * Routing's call states become queued → ringing → connected → ended (decision 0051): a ringing
 * call has a deadline, a connected one may be on hold or ringing a colleague for a transfer, and
 * carries the agent's notes. An agent wraps up after a call until a deadline, and the reason their
 * availability last changed without them asking is kept for their desk. Agents' open desks are
 * tracked per replica with a heartbeat (`agent_desk`): only an agent with a desk open is rung.
 */
export class CallRingingWrapUp1765400000000 implements MigrationInterface {
  name = 'CallRingingWrapUp1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    const statements = [
      `ALTER TABLE "${s}"."routed_call" DROP CONSTRAINT IF EXISTS "routed_call_status_check"`,
      `ALTER TABLE "${s}"."routed_call" DROP CONSTRAINT IF EXISTS "routed_call_check"`,
      `DROP INDEX IF EXISTS "${s}"."routed_call_agent"`,
      `UPDATE "${s}"."routed_call" SET "status" = 'connected' WHERE "status" = 'assigned'`,
      `ALTER TABLE "${s}"."routed_call"
        ADD COLUMN "ring_deadline" timestamptz,
        ADD COLUMN "answered_at" timestamptz,
        ADD COLUMN "on_hold" boolean NOT NULL DEFAULT false,
        ADD COLUMN "transfer_to" uuid REFERENCES "${s}"."staff_account" ("id"),
        ADD COLUMN "transfer_deadline" timestamptz,
        ADD COLUMN "notes" text CHECK (char_length("notes") <= 2000),
        ADD CONSTRAINT "routed_call_status" CHECK ("status" IN ('queued', 'ringing', 'connected', 'ended')),
        ADD CONSTRAINT "routed_call_agent_held" CHECK ("status" NOT IN ('ringing', 'connected') OR "agent_id" IS NOT NULL),
        ADD CONSTRAINT "routed_call_ringing_deadline" CHECK (("status" = 'ringing') = ("ring_deadline" IS NOT NULL)),
        ADD CONSTRAINT "routed_call_transfer" CHECK (("transfer_to" IS NULL) = ("transfer_deadline" IS NULL))`,
      `CREATE INDEX "routed_call_agent" ON "${s}"."routed_call" ("agent_id") WHERE "status" IN ('ringing', 'connected')`,
      `CREATE INDEX "routed_call_ring_deadline" ON "${s}"."routed_call" ("ring_deadline") WHERE "status" = 'ringing'`,
      `CREATE INDEX "routed_call_transfer_deadline" ON "${s}"."routed_call" ("transfer_deadline") WHERE "transfer_to" IS NOT NULL`,
      `ALTER TABLE "${s}"."agent_presence"
        ADD COLUMN "wrap_up_until" timestamptz,
        ADD COLUMN "wrap_up_call_id" text,
        ADD COLUMN "reason" text`,
      // The agents' open desks, per gateway replica: `sockets` live sockets, refreshed at `seen_at`
      // (a heartbeat); a row at 0 sockets remembers when the last one closed (the reload grace).
      `CREATE TABLE "${s}"."agent_desk" (
        "staff_id" uuid NOT NULL REFERENCES "${s}"."staff_account" ("id") ON DELETE CASCADE,
        "replica_id" uuid NOT NULL,
        "sockets" integer NOT NULL CHECK ("sockets" >= 0),
        "seen_at" timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY ("staff_id", "replica_id")
      )`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    const statements = [
      `DROP TABLE IF EXISTS "${s}"."agent_desk"`,
      `ALTER TABLE "${s}"."agent_presence" DROP COLUMN "wrap_up_until", DROP COLUMN "wrap_up_call_id", DROP COLUMN "reason"`,
      `DROP INDEX IF EXISTS "${s}"."routed_call_transfer_deadline"`,
      `DROP INDEX IF EXISTS "${s}"."routed_call_ring_deadline"`,
      `DROP INDEX IF EXISTS "${s}"."routed_call_agent"`,
      `ALTER TABLE "${s}"."routed_call" DROP CONSTRAINT "routed_call_status", DROP CONSTRAINT "routed_call_agent_held",
        DROP CONSTRAINT "routed_call_ringing_deadline", DROP CONSTRAINT "routed_call_transfer"`,
      `UPDATE "${s}"."routed_call" SET "status" = 'queued', "agent_id" = NULL WHERE "status" = 'ringing'`,
      `UPDATE "${s}"."routed_call" SET "status" = 'assigned' WHERE "status" = 'connected'`,
      `ALTER TABLE "${s}"."routed_call" DROP COLUMN "ring_deadline", DROP COLUMN "answered_at", DROP COLUMN "on_hold",
        DROP COLUMN "transfer_to", DROP COLUMN "transfer_deadline", DROP COLUMN "notes",
        ADD CONSTRAINT "routed_call_status_check" CHECK ("status" IN ('queued', 'assigned', 'ended'))`,
      `CREATE INDEX "routed_call_agent" ON "${s}"."routed_call" ("agent_id") WHERE "status" = 'assigned'`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }
}
