import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { orderCancelV1, orderGetV1, orderListV1, orderPlaceV1 } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { OrdersService } from './orders.service';

/** Serves placing, cancelling and reading orders over NATS. */
@Injectable()
export class OrderRequestsHandler implements OnApplicationBootstrap {
  constructor(
    private readonly bus: MessageBus,
    private readonly orders: OrdersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.reply(orderPlaceV1, (request) => this.orders.place(request));
    await this.bus.reply(orderCancelV1, (request) => this.orders.cancel(request));
    await this.bus.reply(orderGetV1, (request) => this.orders.get(request));
    await this.bus.reply(orderListV1, (request) => this.orders.list(request));
  }
}
