import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { qualifySql, queryRows, schemaOf } from '@callcart/service-kit';

/**
 * SQL on the gateway's schema: `@.` in a statement stands for the schema (`"gateway".`), so
 * table names are qualified without string building at every call site. The gateway's
 * injectable face of the service-kit helper (`queryRows`), which the orders service uses too.
 */
@Injectable()
export class GatewaySql {
  readonly schema: string;

  constructor(readonly dataSource: DataSource) {
    this.schema = schemaOf(dataSource);
  }

  /** Runs one statement outside any transaction and returns its rows (UPDATE/DELETE too). */
  async query<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
    return queryRows<T>(this.dataSource, sql, params);
  }

  /** Runs work in one READ COMMITTED transaction. */
  async transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('READ COMMITTED', (manager) => work(new SqlTransaction(manager)));
  }

  qualify(sql: string): string {
    return qualifySql(sql, this.schema);
  }
}

/** Statements inside one transaction. */
export class SqlTransaction {
  constructor(private readonly manager: EntityManager) {}

  async query<T extends object>(statement: string, params: unknown[] = []): Promise<T[]> {
    return queryRows<T>(this.manager, statement, params);
  }
}
