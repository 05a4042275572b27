import type { MigrationInterface } from 'typeorm';

/** What a service that owns PostgreSQL data declares: its schema, entities and migrations. */
export interface DatabaseSpec {
  /** The schema the service owns; created at start if missing. No other service touches it. */
  readonly schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities: Function[];
  /** Applied in order at start, each in its own transaction, by one replica at a time. */
  readonly migrations: (new () => MigrationInterface)[];
}
