import type { DatabaseSpec } from '@callcart/service-kit';
import { Commerce1764200000000 } from './migrations/1764200000000-commerce.migration';
import { FailureParking1764900000000 } from './migrations/1764900000000-failure-parking.migration';
import { Hardening1766900000000 } from './migrations/1766900000000-hardening.migration';
import { CustomerTopUps1796409000000 } from './migrations/1796409000000-customer-top-ups.migration';
import { OrderProcess1797000000000 } from './migrations/1797000000000-order-process.migration';

/**
 * The orders service's own schema. Its tables are reached with SQL through TypeORM's entity
 * manager (row locks, SKIP LOCKED, guarded updates), so no entities are mapped; the migrations
 * are the tables' definition.
 */
export const ordersDatabase: DatabaseSpec = {
  schema: 'orders',
  entities: [],
  migrations: [Commerce1764200000000, FailureParking1764900000000, Hardening1766900000000, CustomerTopUps1796409000000, OrderProcess1797000000000],
};
