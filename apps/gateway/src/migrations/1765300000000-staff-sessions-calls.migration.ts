import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@callcart/service-kit';

/**
 * The gateway's tables: staff accounts, server-side sessions (only a hash of each token is
 * kept), sign-in attempts for the rate limit, agents' availability and the calls they are routed.
 */
export class StaffSessionsCalls1765300000000 implements MigrationInterface {
  name = 'StaffSessionsCalls1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    const statements = [
      `CREATE TABLE "${s}"."staff_account" (
        "id" uuid PRIMARY KEY,
        "username" text NOT NULL UNIQUE,
        "password_hash" text NOT NULL,
        "role" text NOT NULL CHECK ("role" IN ('agent', 'catalogue-manager', 'admin')),
        "active" boolean NOT NULL DEFAULT true,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE "${s}"."session" (
        "token_hash" text PRIMARY KEY,
        "kind" text NOT NULL CHECK ("kind" IN ('staff', 'customer')),
        "staff_id" uuid REFERENCES "${s}"."staff_account" ("id") ON DELETE CASCADE,
        "customer_id" uuid,
        "customer_phone" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "expires_at" timestamptz NOT NULL,
        CHECK (("kind" = 'staff') = ("staff_id" IS NOT NULL)),
        CHECK (("kind" = 'customer') = ("customer_id" IS NOT NULL))
      )`,
      `CREATE INDEX "session_expires" ON "${s}"."session" ("expires_at")`,
      `CREATE TABLE "${s}"."sign_in_attempt" (
        "key" text NOT NULL,
        "at" timestamptz NOT NULL DEFAULT clock_timestamp()
      )`,
      `CREATE INDEX "sign_in_attempt_key_at" ON "${s}"."sign_in_attempt" ("key", "at")`,
      `CREATE TABLE "${s}"."agent_presence" (
        "staff_id" uuid PRIMARY KEY REFERENCES "${s}"."staff_account" ("id") ON DELETE CASCADE,
        "available" boolean NOT NULL DEFAULT false,
        "idle_since" timestamptz NOT NULL DEFAULT clock_timestamp(),
        "current_call_id" text
      )`,
      `CREATE TABLE "${s}"."routed_call" (
        "call_id" text PRIMARY KEY,
        "caller_number" text NOT NULL,
        "started_at" timestamptz NOT NULL,
        "status" text NOT NULL CHECK ("status" IN ('queued', 'assigned', 'ended')),
        "agent_id" uuid REFERENCES "${s}"."staff_account" ("id"),
        "queued_at" timestamptz NOT NULL DEFAULT clock_timestamp(),
        "assigned_at" timestamptz,
        "ended_at" timestamptz,
        CHECK (("status" = 'assigned') <= ("agent_id" IS NOT NULL))
      )`,
      `CREATE INDEX "routed_call_queue" ON "${s}"."routed_call" ("queued_at") WHERE "status" = 'queued'`,
      `CREATE INDEX "routed_call_agent" ON "${s}"."routed_call" ("agent_id") WHERE "status" = 'assigned'`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    for (const table of ['routed_call', 'agent_presence', 'sign_in_attempt', 'session', 'staff_account']) {
      await queryRunner.query(`DROP TABLE IF EXISTS "${s}"."${table}"`);
    }
  }
}
