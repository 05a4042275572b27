import { baseEnvSchema, databaseEnvSchema, httpPortEnv, parseEnv, toServiceConfig, type ServiceConfig } from '@callcart/service-kit';

/** The environment variables the gateway service reads; see the README's configuration table. */
export const gatewayEnvSchema = baseEnvSchema.extend(databaseEnvSchema.shape).extend(httpPortEnv(3000).shape);

export interface GatewayConfig {
  readonly service: ServiceConfig;
}

/** Reads and validates the gateway service's configuration; throws a ConfigError naming bad variables. */
export function loadGatewayConfig(env: Record<string, string | undefined>): GatewayConfig {
  const vars = parseEnv('gateway', gatewayEnvSchema, env);
  return { service: toServiceConfig('gateway', vars) };
}
