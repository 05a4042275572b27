import type { DatabaseSpec } from '@callcart/service-kit';

/** The orders service's own schema; its entities and migrations join this list as they are written. */
export const ordersDatabase: DatabaseSpec = {
  schema: 'orders',
  entities: [],
  migrations: [],
};
