import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { orderCancelV1, orderGetV1, orderListV1, orderPlaceV1 } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { OrdersService } from './orders.service';

/** Serves placing, cancelling and reading orders over NATS. */
@Injectable()
export class OrderRequestsHandler implements OnApplicationBootstrap {
  private readonly logger = new Logger('Orders');

  constructor(
    private readonly bus: MessageBus,
    private readonly orders: OrdersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.reply(orderPlaceV1, async (request) => {
      const reply = await this.orders.place(request);
      // One line per order, naming the replica's work (npm start's log shows how replicas split it).
      if (reply.ok) this.logger.log({ msg: 'order placed', orderId: reply.order.id, callId: reply.order.callId, totalMinor: reply.order.total.amountMinor });
      return reply;
    });
    await this.bus.reply(orderCancelV1, (request) => this.orders.cancel(request));
    await this.bus.reply(orderGetV1, (request) => this.orders.get(request));
    await this.bus.reply(orderListV1, (request) => this.orders.list(request));
  }
}
