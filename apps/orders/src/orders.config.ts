import { baseEnvSchema, databaseEnvSchema, httpPortEnv, parseEnv, toServiceConfig, type ServiceConfig } from '@callcart/service-kit';

/** The environment variables the orders service reads; see the README's configuration table. */
export const ordersEnvSchema = baseEnvSchema.extend(databaseEnvSchema.shape).extend(httpPortEnv(3004).shape);

export interface OrdersConfig {
  readonly service: ServiceConfig;
}

/** Reads and validates the orders service's configuration; throws a ConfigError naming bad variables. */
export function loadOrdersConfig(env: Record<string, string | undefined>): OrdersConfig {
  const vars = parseEnv('orders', ordersEnvSchema, env);
  return { service: toServiceConfig('orders', vars) };
}
