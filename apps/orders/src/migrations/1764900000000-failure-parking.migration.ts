import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@callcart/service-kit';

/**
 * Parking for work that keeps failing (decision 0085): outbox events count their publish attempts
 * and are parked after too many, and timers record per item what failed, how often, and until
 * when it waits, so one poisoned row never holds back the others.
 */
export class FailureParking1764900000000 implements MigrationInterface {
  name = 'FailureParking1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    const statements = [
      `ALTER TABLE "${s}"."outbox_event"
         ADD COLUMN "attempts" integer NOT NULL DEFAULT 0,
         ADD COLUMN "last_error" text,
         ADD COLUMN "retry_at" timestamptz,
         ADD COLUMN "parked_at" timestamptz`,
      `CREATE INDEX "outbox_event_published_at" ON "${s}"."outbox_event" ("published_at") WHERE "published_at" IS NOT NULL`,
      `CREATE INDEX "outbox_event_held" ON "${s}"."outbox_event" ("correlation_id", "seq") WHERE "published_at" IS NULL AND ("parked_at" IS NOT NULL OR "retry_at" IS NOT NULL)`,
      `CREATE TABLE "${s}"."timer_failure" (
        "timer" text NOT NULL,
        "item_key" text NOT NULL,
        "attempts" integer NOT NULL,
        "last_error" text NOT NULL,
        "first_failed_at" timestamptz NOT NULL DEFAULT now(),
        "retry_at" timestamptz NOT NULL,
        "parked_at" timestamptz,
        PRIMARY KEY ("timer", "item_key")
      )`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE IF EXISTS "${s}"."timer_failure"`);
    await queryRunner.query(`DROP INDEX IF EXISTS "${s}"."outbox_event_held"`);
    await queryRunner.query(`DROP INDEX IF EXISTS "${s}"."outbox_event_published_at"`);
    await queryRunner.query(
      `ALTER TABLE "${s}"."outbox_event" DROP COLUMN "attempts", DROP COLUMN "last_error", DROP COLUMN "retry_at", DROP COLUMN "parked_at"`,
    );
  }
}
