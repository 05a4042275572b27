import { baseEnvSchema, httpPortEnv, parseEnv, toServiceConfig, type ServiceConfig } from '@callcart/service-kit';

/** The environment variables the speech service reads; see the README's configuration table. */
export const speechEnvSchema = baseEnvSchema.extend(httpPortEnv(3002).shape);

export interface SpeechConfig {
  readonly service: ServiceConfig;
}

/** Reads and validates the speech service's configuration; throws a ConfigError naming bad variables. */
export function loadSpeechConfig(env: Record<string, string | undefined>): SpeechConfig {
  const vars = parseEnv('speech', speechEnvSchema, env);
  return { service: toServiceConfig('speech', vars) };
}
