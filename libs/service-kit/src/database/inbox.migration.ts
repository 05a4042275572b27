import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from './schema-sql';

/**
 * The inbox: which durable messages a service has already acted on. JetStream delivers at
 * least once, so a handler whose effect must happen once records the message id here in the
 * same transaction as the effect. Every service with a database has one, in its own schema.
 */
export class CreateInbox1764000000000 implements MigrationInterface {
  name = 'CreateInbox1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`
      CREATE TABLE "${schema}"."inbox_message" (
        "consumer" text NOT NULL,
        "message_id" uuid NOT NULL,
        "processed_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("consumer", "message_id")
      )`);
    await queryRunner.query(`CREATE INDEX "inbox_message_processed_at" ON "${schema}"."inbox_message" ("processed_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "${schemaOf(queryRunner)}"."inbox_message"`);
  }
}
