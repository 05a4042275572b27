import { type DynamicModule, Module } from '@nestjs/common';
import type { OrdersConfig } from '../orders.config';
import { paymentProviderProvider } from './payment-provider.provider';
import { TopUpExpiryTimer } from './top-up-expiry.timer';
import { TopUpRequestsHandler } from './top-up-requests.handler';
import { TopUpsService } from './top-ups.service';

/** Customers topping up their own wallet through the payment provider `TOP_UP_PROVIDER` names. */
@Module({})
export class TopUpsModule {
  static register(config: OrdersConfig): DynamicModule {
    return { module: TopUpsModule, providers: [paymentProviderProvider(config), TopUpsService, TopUpRequestsHandler, TopUpExpiryTimer] };
  }
}
