import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { walletGetV1, walletPayV1, walletTopUpV1 } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { WalletService } from './wallet.service';

/** Serves the wallet over NATS: balance and ledger, staff top-ups, paying an order. */
@Injectable()
export class WalletRequestsHandler implements OnApplicationBootstrap {
  private readonly logger = new Logger('Wallet');

  constructor(
    private readonly bus: MessageBus,
    private readonly wallets: WalletService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.reply(walletGetV1, (request) => this.wallets.get(request));
    await this.bus.reply(walletTopUpV1, (request) => this.wallets.topUp(request));
    await this.bus.reply(walletPayV1, async (request) => {
      const reply = await this.wallets.pay(request);
      if (reply.ok) this.logger.log({ msg: 'order paid from the wallet', orderId: request.orderId, amountMinor: reply.payment.amount.amountMinor });
      return reply;
    });
  }
}
