import { z } from 'zod';

/**
 * Configuration is read from the environment once, at start, into typed values. A missing or
 * bad variable stops the service with a message that names it; nothing reads `process.env`
 * after that.
 */
export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly problems: readonly { variable: string; problem: string }[],
  ) {
    super(
      `${service}: invalid configuration: ` +
        problems.map(({ variable, problem }) => `${variable}: ${problem}`).join('; '),
    );
  }
}

/** Parses the environment with a schema whose keys are the variable names. */
export function parseEnv<TSchema extends z.ZodObject>(
  service: string,
  schema: TSchema,
  env: Record<string, string | undefined>,
): z.infer<TSchema> {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(blankAsUnset);
  if (!parsed.success) {
    throw new ConfigError(
      service,
      parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '(environment)'), problem: issue.message })),
    );
  }
  return parsed.data;
}

const port = z.coerce.number().int().min(0).max(65535);
const natsUrl = z
  .string()
  .refine((value) => value.split(',').every((url) => /^(nats|tls):\/\/[^\s/]+$/.test(url.trim())), {
    message: 'expected nats://host:port (comma-separated for a cluster)',
  });
const postgresUrl = z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'expected postgres://user@host:port/database');
const durationMs = z.coerce.number().int().min(0);

/** Variables every service reads. */
export const baseEnvSchema = z.object({
  NATS_URL: natsUrl.default('nats://127.0.0.1:4222'),
  NATS_USER: z.string().optional(),
  NATS_PASSWORD: z.string().optional(),
  NATS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, "-" or "_" only')
    .optional(),
  HTTP_HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_GRACE_MS: durationMs.default(5000),
});

/** Variables of the services that own PostgreSQL data. */
export const databaseEnvSchema = z.object({
  DATABASE_URL: postgresUrl.default('postgres://postgres@127.0.0.1:5432/callcart'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
});

/** The HTTP port variable with the service's own default. */
export function httpPortEnv(defaultPort: number) {
  return z.object({ HTTP_PORT: port.default(defaultPort) });
}

/** What the shared service plumbing needs to know, whatever the service. */
export interface ServiceConfig {
  readonly serviceName: string;
  readonly http: { readonly host: string; readonly port: number };
  readonly nats: { readonly servers: string[]; readonly user?: string; readonly password?: string; readonly prefix?: string };
  readonly logLevel: z.infer<typeof baseEnvSchema>['LOG_LEVEL'];
  readonly shutdownGraceMs: number;
  readonly database?: { readonly url: string; readonly poolSize: number };
}

/** Maps the parsed common variables to the typed service configuration. */
export function toServiceConfig(
  serviceName: string,
  env: z.infer<typeof baseEnvSchema> & { HTTP_PORT: number } & Partial<z.infer<typeof databaseEnvSchema>>,
): ServiceConfig {
  return {
    serviceName,
    http: { host: env.HTTP_HOST, port: env.HTTP_PORT },
    nats: {
      servers: env.NATS_URL.split(',').map((url) => url.trim()),
      user: env.NATS_USER,
      password: env.NATS_PASSWORD,
      prefix: env.NATS_PREFIX,
    },
    logLevel: env.LOG_LEVEL,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    database: env.DATABASE_URL ? { url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE ?? 10 } : undefined,
  };
}
