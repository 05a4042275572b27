import type { MigrationInterface, QueryRunner } from 'typeorm';
import { schemaOf } from '@callcart/service-kit';

/**
 * The products table. `sku` is the item number callers read out or key in: unique regardless
 * of case (a unique index on `lower(sku)`). Rows imported without one get a number from
 * `item_number_seq` (keypad-friendly digits, never reused). Every write takes the next
 * `product_revision_seq` value, so a replica can ask "what changed after revision N" to keep its
 * in-process index in step.
 */
export class CreateProducts1764200000000 implements MigrationInterface {
  name = 'CreateProducts1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`CREATE SEQUENCE "${schema}"."item_number_seq" START WITH 100001`);
    await queryRunner.query(`CREATE SEQUENCE "${schema}"."product_revision_seq"`);
    await queryRunner.query(`
      CREATE TABLE "${schema}"."product" (
        "id" text PRIMARY KEY,
        "sku" text NOT NULL,
        "sku_assigned" boolean NOT NULL DEFAULT false,
        "name" text NOT NULL,
        "brand" text,
        "category" text,
        "aliases" text[] NOT NULL DEFAULT '{}',
        "price_minor" bigint CHECK ("price_minor" >= 0),
        "currency" char(3) NOT NULL,
        "active" boolean NOT NULL DEFAULT true,
        "language" text NOT NULL CHECK ("language" IN ('en', 'zh')),
        "revision" bigint NOT NULL DEFAULT nextval('"${schema}"."product_revision_seq"'),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "product_sku_lower" ON "${schema}"."product" (lower("sku"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "product_revision" ON "${schema}"."product" ("revision")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner);
    await queryRunner.query(`DROP TABLE "${schema}"."product"`);
    await queryRunner.query(`DROP SEQUENCE "${schema}"."product_revision_seq"`);
    await queryRunner.query(`DROP SEQUENCE "${schema}"."item_number_seq"`);
  }
}
