import type { DatabaseSpec } from '@callcart/service-kit';

/** The catalogue service's own schema; its entities and migrations join this list as they are written. */
export const catalogueDatabase: DatabaseSpec = {
  schema: 'catalogue',
  entities: [],
  migrations: [],
};
