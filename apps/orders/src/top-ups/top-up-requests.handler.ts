import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { paymentNotificationV1, walletTopUpStartV1 } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { TopUpsService } from './top-ups.service';

/** Serves customers' own top-ups over NATS: starting one, and the provider's notifications the gateway relays. */
@Injectable()
export class TopUpRequestsHandler implements OnApplicationBootstrap {
  constructor(
    private readonly bus: MessageBus,
    private readonly topUps: TopUpsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.reply(walletTopUpStartV1, (request) => this.topUps.start(request));
    await this.bus.reply(paymentNotificationV1, (request) => this.topUps.notify(request));
  }
}
