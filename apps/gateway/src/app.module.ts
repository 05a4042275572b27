import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceKitModule } from '@callcart/service-kit';
import type { GatewayConfig } from './gateway.config';
import { gatewayDatabase } from './gateway.database';

/** The gateway service: shared plumbing now, its domain modules as their issues land. */
@Module({})
export class AppModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceKitModule.forRoot(config.service, gatewayDatabase)],
    };
  }
}
