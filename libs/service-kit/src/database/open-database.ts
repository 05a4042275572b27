import { Logger } from '@nestjs/common';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseSpec } from './database-spec';
import { CreateInbox1764000000000 } from './inbox.migration';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** TypeORM options for a service's own schema; never `synchronize`, migrations only. */
export function dataSourceOptions(
  serviceName: string,
  database: { url: string; poolSize: number },
  spec: DatabaseSpec,
): DataSourceOptions {
  if (!SCHEMA_NAME.test(spec.schema)) throw new Error(`schema name "${spec.schema}" is not a plain identifier`);
  return {
    type: 'postgres',
    url: database.url,
    schema: spec.schema,
    applicationName: serviceName,
    entities: spec.entities,
    migrations: [CreateInbox1764000000000, ...spec.migrations],
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    extra: { max: database.poolSize },
  };
}

/**
 * Connects, creates the schema if missing and applies pending migrations. Replicas starting at
 * once queue on a PostgreSQL advisory lock, so each migration runs exactly once.
 */
export async function openDatabase(options: DataSourceOptions): Promise<DataSource> {
  const logger = new Logger('Database');
  const schema = (options as { schema: string }).schema;
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  const lockHolder = dataSource.createQueryRunner();
  try {
    await lockHolder.connect();
    await lockHolder.query('SELECT pg_advisory_lock(hashtext($1))', [`callcart:migrate:${schema}`]);
    await lockHolder.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) logger.log({ msg: 'migrations applied', schema, migrations: applied.map((m) => m.name) });
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw error;
  } finally {
    if (!lockHolder.isReleased) {
      await lockHolder.query('SELECT pg_advisory_unlock(hashtext($1))', [`callcart:migrate:${schema}`]).catch(() => undefined);
      await lockHolder.release().catch(() => undefined);
    }
  }
  return dataSource;
}
