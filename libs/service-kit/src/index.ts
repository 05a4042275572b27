export { bootService, createServiceApp } from './boot-service';
export {
  ConfigError,
  baseEnvSchema,
  databaseEnvSchema,
  httpPortEnv,
  parseEnv,
  toServiceConfig,
} from './config/service-config';
export type { ServiceConfig } from './config/service-config';
export type { DatabaseSpec } from './database/database-spec';
export { claimInboxMessage } from './database/inbox';
export { ServiceKitModule, SERVICE_CONFIG } from './service-kit.module';
export { qualifySql, queryRows, schemaOf } from './database/schema-sql';
export type { SqlRow } from './database/schema-sql';
