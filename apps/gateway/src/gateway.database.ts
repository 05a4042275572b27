import type { DatabaseSpec } from '@callcart/service-kit';

/** The gateway service's own schema; its entities and migrations join this list as they are written. */
export const gatewayDatabase: DatabaseSpec = {
  schema: 'gateway',
  entities: [],
  migrations: [],
};
