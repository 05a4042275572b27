import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/** One row as PostgreSQL returns it: bigint columns arrive as strings. */
export type SqlRow = object;

/** Anything that knows the connection, and so the schema the service owns. */
type OnConnection = DataSource | EntityManager | QueryRunner;

/** The schema the service owns (`DatabaseSpec.schema`), read from the connection it runs on. */
export function schemaOf(source: OnConnection): string {
  return (dataSourceOf(source).options as { schema: string }).schema;
}

/**
 * `@.` in a statement stands for the service's schema (`@.cart` → `"orders".cart`), so table
 * names are qualified without string building at every call site. Only an `@.` that starts a
 * name is replaced: an `@.` inside a quoted literal such as an e-mail address is left alone as
 * long as it is not followed by a letter, quote or underscore.
 */
export function qualifySql(sql: string, schema: string): string {
  return sql.replace(/@\.(?=["A-Za-z_])/g, `"${schema}".`);
}

/**
 * Runs one statement on the service's schema and returns its rows, whatever the command:
 * `SELECT`, `INSERT … RETURNING`, and `UPDATE`/`DELETE` (with or without `RETURNING`, led by a
 * `WITH` or a comment). The rows come from the driver's structured result, not from reading the
 * statement's first word, so no statement shape is misread. With a transaction's entity manager
 * the statement runs in that transaction; otherwise on a pooled connection of its own.
 */
export async function queryRows<T extends SqlRow = SqlRow>(on: DataSource | EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const statement = qualifySql(sql, schemaOf(on));
  const transactionRunner = (on as Partial<EntityManager>).queryRunner;
  if (transactionRunner) return recordsOf<T>(await transactionRunner.query(statement, params, true));
  const runner = dataSourceOf(on).createQueryRunner();
  try {
    return recordsOf<T>(await runner.query(statement, params, true));
  } finally {
    await runner.release();
  }
}

function dataSourceOf(source: OnConnection): DataSource {
  return 'dataSource' in source ? source.dataSource : source;
}

function recordsOf<T>(result: { records?: unknown[] }): T[] {
  return (result.records ?? []) as T[];
}
