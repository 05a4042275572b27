import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';

export interface RunningServiceApp {
  readonly app: INestApplication;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts a service's Nest application in this process on a free port, with its JSON logger as
 * in production (the harness depends on no callcart lib, so every lib can use it in its tests).
 */
export async function startServiceApp(module: DynamicModule): Promise<RunningServiceApp> {
  const app = await NestFactory.create(module, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/** The environment a service under test runs with: its own NATS prefix and database, quiet logs. */
export function testServiceEnv(options: {
  natsUrl: string;
  natsPrefix: string;
  databaseUrl?: string;
  extra?: Record<string, string>;
}): Record<string, string> {
  return {
    NATS_URL: options.natsUrl,
    NATS_PREFIX: options.natsPrefix,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SHUTDOWN_GRACE_MS: '2000',
    HTTP_PORT: '0',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...options.extra,
  };
}
