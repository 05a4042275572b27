import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { orderBrowseV1, orderCancelV1, orderGetV1, orderListV1, orderPlaceV1, orderShipV1 } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { FulfilmentService } from './fulfilment.service';
import { OrdersService } from './orders.service';

/** Serves placing, cancelling, reading, listing and shipping orders over NATS. */
@Injectable()
export class OrderRequestsHandler implements OnApplicationBootstrap {
  private readonly logger = new Logger('Orders');

  constructor(
    private readonly bus: MessageBus,
    private readonly orders: OrdersService,
    private readonly fulfilment: FulfilmentService,
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
    await this.bus.reply(orderBrowseV1, (request) => this.fulfilment.browse(request));
    await this.bus.reply(orderShipV1, async (request) => {
      const reply = await this.fulfilment.ship(request);
      if (reply.ok) this.logger.log({ msg: 'order shipped', orderId: reply.order.id });
      return reply;
    });
  }
}
