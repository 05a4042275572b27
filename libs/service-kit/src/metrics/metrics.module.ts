import { type DynamicModule, Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { createMetricsRegistry } from './metrics-registry';

/** Provides the application's own Prometheus registry to every module. */
@Module({})
export class MetricsModule {
  static forRoot(serviceName: string): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      providers: [{ provide: Registry, useFactory: () => createMetricsRegistry(serviceName) }],
      exports: [Registry],
    };
  }
}
