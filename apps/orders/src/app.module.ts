import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceKitModule } from '@callcart/service-kit';
import { CallSessionsHandler } from './calls/call-sessions.handler';
import { CartRequestsHandler } from './carts/cart-requests.handler';
import { CartsService } from './carts/carts.service';
import { CatalogueProducts } from './carts/catalogue-products';
import { CustomerRequestsHandler } from './customers/customer-requests.handler';
import { CustomersService } from './customers/customers.service';
import { RegistrationTimer } from './customers/registration.timer';
import { ORDERS_CONFIG, type OrdersConfig } from './orders.config';
import { ordersDatabase } from './orders.database';
import { OrderRequestsHandler } from './orders/order-requests.handler';
import { OrdersService } from './orders/orders.service';
import { OutboxRelay } from './outbox/outbox-relay';
import { PaymentWindowTimer } from './payments/payment-window.timer';
import { WalletRequestsHandler } from './payments/wallet-requests.handler';
import { WalletService } from './payments/wallet.service';
import { Transactions } from './shared/transaction';
import { SignInRequestsHandler } from './sign-in/sign-in-requests.handler';
import { SignInService } from './sign-in/sign-in.service';
import { smsSenderProvider } from './sign-in/sms-sender.provider';
import { SmsDelivery } from './sign-in/sms-delivery';
import { paymentProviderProvider } from './top-ups/payment-provider.provider';
import { TopUpExpiryTimer } from './top-ups/top-up-expiry.timer';
import { TopUpRequestsHandler } from './top-ups/top-up-requests.handler';
import { TopUpsService } from './top-ups/top-ups.service';

/**
 * The orders service: callers, customers, carts, orders, the wallet and the payment window, on
 * its own PostgreSQL schema, serving typed NATS requests and publishing its facts through the
 * transactional outbox.
 */
@Module({})
export class AppModule {
  static register(config: OrdersConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceKitModule.forRoot(config.service, ordersDatabase)],
      providers: [
        { provide: ORDERS_CONFIG, useValue: config },
        Transactions,
        OutboxRelay,
        CatalogueProducts,
        CartsService,
        CartRequestsHandler,
        CustomersService,
        CustomerRequestsHandler,
        CallSessionsHandler,
        RegistrationTimer,
        OrdersService,
        OrderRequestsHandler,
        WalletService,
        WalletRequestsHandler,
        PaymentWindowTimer,
        smsSenderProvider(config),
        SmsDelivery,
        SignInService,
        SignInRequestsHandler,
        paymentProviderProvider(config),
        TopUpsService,
        TopUpRequestsHandler,
        TopUpExpiryTimer,
      ],
    };
  }
}
