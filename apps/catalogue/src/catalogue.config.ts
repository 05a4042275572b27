import { baseEnvSchema, databaseEnvSchema, httpPortEnv, parseEnv, toServiceConfig, type ServiceConfig } from '@callcart/service-kit';

/** The environment variables the catalogue service reads; see the README's configuration table. */
export const catalogueEnvSchema = baseEnvSchema.extend(databaseEnvSchema.shape).extend(httpPortEnv(3003).shape);

export interface CatalogueConfig {
  readonly service: ServiceConfig;
}

/** Reads and validates the catalogue service's configuration; throws a ConfigError naming bad variables. */
export function loadCatalogueConfig(env: Record<string, string | undefined>): CatalogueConfig {
  const vars = parseEnv('catalogue', catalogueEnvSchema, env);
  return { service: toServiceConfig('catalogue', vars) };
}
