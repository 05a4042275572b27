import { z } from 'zod';
import { baseEnvSchema, ConfigError, databaseEnvSchema, httpPortEnv, parseEnv, toServiceConfig } from './service-config';

const schema = baseEnvSchema.extend(databaseEnvSchema.shape).extend(httpPortEnv(3004).shape);

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseEnv('orders', schema, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((problem) => problem.variable);
  }
  throw new Error('expected a ConfigError');
}

describe('service configuration', () => {
  it('fills in the defaults a local machine needs', () => {
    const config = toServiceConfig('orders', parseEnv('orders', schema, {}));
    expect(config).toEqual({
      serviceName: 'orders',
      http: { host: '0.0.0.0', port: 3004 },
      nats: { servers: ['nats://127.0.0.1:4222'], user: undefined, password: undefined, prefix: undefined },
      logLevel: 'info',
      shutdownGraceMs: 5000,
      database: { url: 'postgres://postgres@127.0.0.1:5432/callcart', poolSize: 10 },
    });
  });

  it('reads a NATS cluster, credentials and a prefix', () => {
    const config = toServiceConfig(
      'orders',
      parseEnv('orders', schema, {
        NATS_URL: 'nats://a:4222, nats://b:4222',
        NATS_USER: 'callcart',
        NATS_PASSWORD: 's3cret',
        NATS_PREFIX: 'staging',
        HTTP_PORT: '8080',
      }),
    );
    expect(config.nats).toEqual({ servers: ['nats://a:4222', 'nats://b:4222'], user: 'callcart', password: 's3cret', prefix: 'staging' });
    expect(config.http.port).toBe(8080);
  });

  it('treats an empty variable as unset', () => {
    expect(parseEnv('orders', schema, { NATS_PREFIX: '', HTTP_PORT: '' }).HTTP_PORT).toBe(3004);
  });

  it('names every bad variable at once', () => {
    expect(problemsOf({ NATS_URL: 'http://x', HTTP_PORT: '70000', DATABASE_URL: 'mysql://x', NATS_PREFIX: 'a.b' }).sort()).toEqual([
      'DATABASE_URL',
      'HTTP_PORT',
      'NATS_PREFIX',
      'NATS_URL',
    ]);
  });

  it('says which variable is wrong and why in its message', () => {
    expect(() => parseEnv('speech', z.object({ SPEECH_PROVIDER: z.enum(['pocketsphinx', 'google']) }), { SPEECH_PROVIDER: 'siri' })).toThrow(
      /speech: invalid configuration: SPEECH_PROVIDER: /,
    );
  });
});
