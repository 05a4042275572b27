import { type DynamicModule, Module } from '@nestjs/common';
import type { OrdersConfig } from '../orders.config';
import { SignInRequestsHandler } from './sign-in-requests.handler';
import { SignInService } from './sign-in.service';
import { smsSenderProvider } from './sms-sender.provider';
import { SmsDelivery } from './sms-delivery';

/** Customers' sign-in with one-time codes, sent by the SMS sender `SMS_SENDER` names. */
@Module({})
export class SignInModule {
  static register(config: OrdersConfig): DynamicModule {
    return { module: SignInModule, providers: [smsSenderProvider(config), SmsDelivery, SignInService, SignInRequestsHandler] };
  }
}
