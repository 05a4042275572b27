import { type DynamicModule, Module } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from './gateway.config';
import { ServiceRequests } from './shared/service-requests';
import { GatewaySql } from './shared/sql';

/**
 * What every gateway feature module uses: the validated configuration, SQL on the gateway's
 * schema, and the typed requests to the services that own the data (orders, catalogue).
 */
@Module({})
export class GatewayCoreModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayCoreModule,
      global: true,
      providers: [{ provide: GATEWAY_CONFIG, useValue: config }, GatewaySql, ServiceRequests],
      exports: [GATEWAY_CONFIG, GatewaySql, ServiceRequests],
    };
  }
}
