import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@callcart/service-kit';

/**
 * Issue 14's hardening: one-time codes are kept per number *and* requesting address (an attacker's
 * wrong tries reach only the code sent to the attacker, decision 0075), and idempotent commands
 * keep a hash of their request so a key reused with another body is refused (decision 0076).
 */
export class Hardening1766900000000 implements MigrationInterface {
  name = 'Hardening1766900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    const statements = [
      `ALTER TABLE "${s}"."one_time_code" ADD COLUMN "requested_from" text NOT NULL DEFAULT ''`,
      `ALTER TABLE "${s}"."one_time_code" DROP CONSTRAINT "one_time_code_pkey"`,
      `ALTER TABLE "${s}"."one_time_code" ADD PRIMARY KEY ("phone", "requested_from")`,
      `ALTER TABLE "${s}"."code_send" ADD COLUMN "requested_from" text NOT NULL DEFAULT ''`,
      `ALTER TABLE "${s}"."wallet_entry" ADD COLUMN "request_hash" text`,
      `CREATE INDEX "wallet_entry_top_up_by_staff" ON "${s}"."wallet_entry" ("staff_id", "created_at") WHERE "kind" = 'top-up'`,
      `ALTER TABLE "${s}"."customer_order" ADD COLUMN "request_hash" text`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`ALTER TABLE "${s}"."customer_order" DROP COLUMN "request_hash"`);
    await queryRunner.query(`DROP INDEX "${s}"."wallet_entry_top_up_by_staff"`);
    await queryRunner.query(`ALTER TABLE "${s}"."wallet_entry" DROP COLUMN "request_hash"`);
    await queryRunner.query(`ALTER TABLE "${s}"."code_send" DROP COLUMN "requested_from"`);
    await queryRunner.query(`DELETE FROM "${s}"."one_time_code"`);
    await queryRunner.query(`ALTER TABLE "${s}"."one_time_code" DROP CONSTRAINT "one_time_code_pkey"`);
    await queryRunner.query(`ALTER TABLE "${s}"."one_time_code" DROP COLUMN "requested_from"`);
    await queryRunner.query(`ALTER TABLE "${s}"."one_time_code" ADD PRIMARY KEY ("phone")`);
  }
}
