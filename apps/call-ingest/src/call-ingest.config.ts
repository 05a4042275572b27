import { baseEnvSchema, httpPortEnv, parseEnv, toServiceConfig, type ServiceConfig } from '@callcart/service-kit';

/** The environment variables the call-ingest service reads; see the README's configuration table. */
export const callIngestEnvSchema = baseEnvSchema.extend(httpPortEnv(3001).shape);

export interface CallIngestConfig {
  readonly service: ServiceConfig;
}

/** Reads and validates the call-ingest service's configuration; throws a ConfigError naming bad variables. */
export function loadCallIngestConfig(env: Record<string, string | undefined>): CallIngestConfig {
  const vars = parseEnv('call-ingest', callIngestEnvSchema, env);
  return { service: toServiceConfig('call-ingest', vars) };
}
