import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * SQL on the gateway's schema: `@.` in a statement stands for the schema (`"gateway".`), so
 * table names are qualified without string building at every call site.
 */
@Injectable()
export class GatewaySql {
  readonly schema: string;

  constructor(readonly dataSource: DataSource) {
    this.schema = (dataSource.options as { schema: string }).schema;
  }

  /** Runs one statement outside any transaction and returns its rows (UPDATE/DELETE too). */
  async query<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
    return rowsOf<T>(await this.dataSource.query(this.qualify(sql), params), sql);
  }

  /** Runs work in one READ COMMITTED transaction. */
  async transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('READ COMMITTED', (manager) => work(new SqlTransaction(manager, this)));
  }

  qualify(sql: string): string {
    return sql.replaceAll('@.', `"${this.schema}".`);
  }
}

/** Statements inside one transaction. */
export class SqlTransaction {
  constructor(
    private readonly manager: EntityManager,
    private readonly sql: GatewaySql,
  ) {}

  async query<T extends object>(statement: string, params: unknown[] = []): Promise<T[]> {
    return rowsOf<T>(await this.manager.query(this.sql.qualify(statement), params), statement);
  }
}

function rowsOf<T>(result: unknown, sql: string): T[] {
  // TypeORM answers UPDATE and DELETE on PostgreSQL with [returnedRows, affectedCount].
  if (/^\s*(UPDATE|DELETE)\b/i.test(sql) && Array.isArray(result) && result.length === 2 && Array.isArray(result[0])) {
    return result[0] as T[];
  }
  return result as T[];
}
