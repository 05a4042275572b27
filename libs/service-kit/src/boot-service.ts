import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { ConfigError, type ServiceConfig } from './config/service-config';

/**
 * Creates (without listening) a service's Nest application with its JSON logger in place and
 * without `X-Powered-By` (it only tells an attacker which exploits to try). A service that reads
 * bodies its own way (the gateway) passes `bodyParser: false` to skip Nest's JSON and form parsers.
 */
export async function createServiceApp(module: DynamicModule, options: { bodyParser?: boolean } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, { bufferLogs: true, abortOnError: false, bodyParser: options.bodyParser ?? true });
  app.disable('x-powered-by');
  app.useLogger(app.get(Logger));
  return app;
}

function fatal(service: string, message: string, detail?: unknown): never {
  process.stderr.write(
    `${JSON.stringify({ level: 'fatal', time: new Date().toISOString(), service, msg: message, err: detail })}\n`,
  );
  process.exit(1);
}

/**
 * Starts a service as its own process: loads and validates configuration (a bad variable stops
 * it, naming the variable), connects, migrates, listens, and on SIGTERM/SIGINT closes within the
 * configured grace period (in-flight messages finish, NATS drains, the pool closes).
 */
export async function bootService<TConfig extends { service: ServiceConfig }>(
  serviceName: string,
  loadConfig: (env: NodeJS.ProcessEnv) => TConfig,
  appModule: (config: TConfig) => DynamicModule,
): Promise<INestApplication> {
  let config: TConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fatal(serviceName, error.message, { problems: error.problems });
    throw error;
  }
  let app: INestApplication;
  try {
    app = await createServiceApp(appModule(config));
    await app.listen(config.service.http.port, config.service.http.host);
  } catch (error) {
    fatal(serviceName, `failed to start: ${(error as Error).message}`, { stack: (error as Error).stack });
  }
  const logger = app.get(Logger);
  logger.log({ msg: `${serviceName} listening`, url: await app.getUrl() });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log({ msg: `${serviceName} shutting down`, signal });
    setTimeout(() => fatal(serviceName, 'shutdown grace period exceeded'), config.service.shutdownGraceMs).unref();
    app.close().then(
      () => process.exit(0),
      (error: Error) => fatal(serviceName, `shutdown failed: ${error.message}`),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return app;
}
