import { type DynamicModule, Module } from '@nestjs/common';
import { TerminusModule, TypeOrmHealthIndicator, type HealthIndicatorFunction } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { Registry } from 'prom-client';
import { ALL_STREAMS } from '@callcart/contracts';
import { MessagingModule } from '@callcart/messaging';
import type { ServiceConfig } from './config/service-config';
import type { DatabaseSpec } from './database/database-spec';
import { dataSourceOptions, openDatabase } from './database/open-database';
import { HealthController, READINESS_CHECKS } from './health/health.controller';
import { NatsHealthIndicator } from './health/nats.health';
import { loggerOptions } from './logging/logger-options';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsModule } from './metrics/metrics.module';

/** Injection token of the service's {@link ServiceConfig}. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

/**
 * What every callcart service has, whatever its domain: JSON logs, a NATS message bus with the
 * JetStream streams in place, `/health` (readiness of NATS and, where the service owns data,
 * PostgreSQL) and `/metrics`; and, with a {@link DatabaseSpec}, TypeORM on the service's own
 * schema with its migrations applied at start.
 */
@Module({})
export class ServiceKitModule {
  static forRoot(config: ServiceConfig, database?: DatabaseSpec): DynamicModule {
    if (database && !config.database) {
      throw new Error(`${config.serviceName} owns the "${database.schema}" schema but has no database configured`);
    }
    return {
      module: ServiceKitModule,
      global: true,
      imports: [
        LoggerModule.forRoot(loggerOptions(config)),
        MetricsModule.forRoot(config.serviceName),
        TerminusModule.forRoot({ logger: false }),
        MessagingModule.forRootAsync({
          inject: [Registry],
          useFactory: (registry: Registry) => ({
            servers: config.nats.servers,
            user: config.nats.user,
            password: config.nats.password,
            prefix: config.nats.prefix,
            serviceName: config.serviceName,
            streams: ALL_STREAMS,
            metricsRegistry: registry,
          }),
        }),
        ...(database && config.database
          ? [
              TypeOrmModule.forRootAsync({
                useFactory: () => dataSourceOptions(config.serviceName, config.database!, database),
                dataSourceFactory: async (options) => openDatabase(options!),
              }),
            ]
          : []),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        NatsHealthIndicator,
        database
          ? {
              provide: READINESS_CHECKS,
              inject: [NatsHealthIndicator, TypeOrmHealthIndicator],
              useFactory: (nats: NatsHealthIndicator, db: TypeOrmHealthIndicator): HealthIndicatorFunction[] => [
                () => nats.check(),
                () => db.pingCheck('database', { timeout: 1500 }),
              ],
            }
          : {
              provide: READINESS_CHECKS,
              inject: [NatsHealthIndicator],
              useFactory: (nats: NatsHealthIndicator): HealthIndicatorFunction[] => [() => nats.check()],
            },
      ],
      exports: [SERVICE_CONFIG],
    };
  }
}
