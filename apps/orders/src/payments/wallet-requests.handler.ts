import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { walletGetV1, walletPayV1, walletTopUpV1 } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { WalletService } from './wallet.service';

/** Serves the wallet over NATS: balance and ledger, staff top-ups, paying an order. */
@Injectable()
export class WalletRequestsHandler implements OnApplicationBootstrap {
  constructor(
    private readonly bus: MessageBus,
    private readonly wallets: WalletService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.reply(walletGetV1, (request) => this.wallets.get(request));
    await this.bus.reply(walletTopUpV1, (request) => this.wallets.topUp(request));
    await this.bus.reply(walletPayV1, (request) => this.wallets.pay(request));
  }
}
