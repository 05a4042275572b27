import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceKitModule } from '@callcart/service-kit';
import type { OrdersConfig } from './orders.config';
import { ordersDatabase } from './orders.database';

/** The orders service: shared plumbing now, its domain modules as their issues land. */
@Module({})
export class AppModule {
  static register(config: OrdersConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceKitModule.forRoot(config.service, ordersDatabase)],
    };
  }
}
