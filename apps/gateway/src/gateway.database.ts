import type { DatabaseSpec } from '@callcart/service-kit';
import { StaffSessionsCalls1765300000000 } from './migrations/1765300000000-staff-sessions-calls.migration';
import { CallRingingWrapUp1765400000000 } from './migrations/1765400000000-call-ringing-wrap-up.migration';

/**
 * The gateway service's own schema. Tables are reached with SQL (row locks, SKIP LOCKED for
 * call routing), so no entities are mapped; the migrations are the tables' definition.
 */
export const gatewayDatabase: DatabaseSpec = {
  schema: 'gateway',
  entities: [],
  migrations: [StaffSessionsCalls1765300000000, CallRingingWrapUp1765400000000],
};
