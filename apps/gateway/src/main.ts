import 'reflect-metadata';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '@callcart/service-kit';
import { Logger } from 'nestjs-pino';
import { Registry } from 'prom-client';
import { createGatewayApp } from './gateway-app';
import { type GatewayConfig, loadGatewayConfig } from './gateway.config';
import { serveMetrics } from './web/metrics.server';

function fatal(message: string, detail?: unknown): never {
  process.stderr.write(`${JSON.stringify({ level: 'fatal', time: new Date().toISOString(), service: 'gateway', msg: message, err: detail })}\n`);
  process.exit(1);
}

/**
 * Starts the gateway as the shared bootService does (validated config, listen, graceful stop on
 * SIGTERM/SIGINT), with steps more: the request checks, OpenAPI description, security headers and
 * the web app are added to the application before it listens, and /metrics gets its own port.
 */
async function main(): Promise<void> {
  let config: GatewayConfig;
  try {
    config = loadGatewayConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fatal(error.message, { problems: error.problems });
    throw error;
  }
  const app = await createGatewayApp(config).catch((error: Error) => fatal(`failed to start: ${error.message}`, { stack: error.stack }));
  let metrics: Server | undefined;
  try {
    await app.listen(config.service.http.port, config.service.http.host);
    metrics = await serveMetrics(app.get(Registry), config.metricsPort, config.service.http.host);
    app.getHttpServer().once('close', () => metrics!.close());
  } catch (error) {
    fatal(`failed to start: ${(error as Error).message}`, { stack: (error as Error).stack });
  }
  const logger = app.get(Logger);
  logger.log({ msg: 'gateway listening', url: await app.getUrl(), metrics: `http://${config.service.http.host}:${(metrics!.address() as AddressInfo).port}/metrics` });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log({ msg: 'gateway shutting down', signal });
    setTimeout(() => fatal('shutdown grace period exceeded'), config.service.shutdownGraceMs).unref();
    app.close().then(
      () => process.exit(0),
      (error: Error) => fatal(`shutdown failed: ${error.message}`),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

void main();
