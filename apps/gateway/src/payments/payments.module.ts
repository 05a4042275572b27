import { Module } from '@nestjs/common';
import { PaymentNotificationsController } from './payment-notifications.controller';

/** The payment provider's notifications of top-ups, checked by signature and relayed to orders. */
@Module({ controllers: [PaymentNotificationsController] })
export class PaymentsModule {}
