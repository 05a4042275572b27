import { type DynamicModule, Module } from '@nestjs/common';
import { ORDERS_CONFIG, type OrdersConfig } from './orders.config';
import { Transactions } from './shared/transaction';

/**
 * What every orders feature module uses: the validated configuration and the transactions on
 * the orders schema (which also tell the outbox relay when a commit may have events to send).
 */
@Module({})
export class OrdersCoreModule {
  static register(config: OrdersConfig): DynamicModule {
    return {
      module: OrdersCoreModule,
      global: true,
      providers: [{ provide: ORDERS_CONFIG, useValue: config }, Transactions],
      exports: [ORDERS_CONFIG, Transactions],
    };
  }
}
