import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceKitModule } from '@callcart/service-kit';
import { CartsModule } from './carts/carts.module';
import { CustomersModule } from './customers/customers.module';
import type { OrdersConfig } from './orders.config';
import { OrdersCoreModule } from './orders-core.module';
import { ordersDatabase } from './orders.database';
import { OrdersModule } from './orders/orders.module';
import { OutboxModule } from './outbox/outbox.module';
import { PaymentsModule } from './payments/payments.module';
import { SignInModule } from './sign-in/sign-in.module';
import { TopUpsModule } from './top-ups/top-ups.module';

/**
 * The orders service: callers, customers, carts, orders, the wallet and the payment window, on
 * its own PostgreSQL schema, serving typed NATS requests and publishing its facts through the
 * transactional outbox. One feature module per domain; they share only the core (configuration,
 * transactions) and talk to each other through the database rows they own, never through each
 * other's services.
 */
@Module({})
export class AppModule {
  static register(config: OrdersConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot(config.service, ordersDatabase),
        OrdersCoreModule.register(config),
        OutboxModule,
        CustomersModule,
        CartsModule,
        OrdersModule,
        PaymentsModule,
        SignInModule.register(config),
        TopUpsModule.register(config),
      ],
    };
  }
}
