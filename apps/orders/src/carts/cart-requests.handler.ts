import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { cartAddItemV1, cartClearV1, cartConfirmV1, cartGetV1, cartRemoveItemV1, cartSetQuantityV1 } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { CartsService } from './carts.service';

/** Serves the cart commands over NATS (replicas share the `orders` queue group). */
@Injectable()
export class CartRequestsHandler implements OnApplicationBootstrap {
  private readonly logger = new Logger('Carts');

  constructor(
    private readonly bus: MessageBus,
    private readonly carts: CartsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.reply(cartGetV1, (request) => this.carts.get(request));
    await this.bus.reply(cartAddItemV1, async (request) => {
      const reply = await this.carts.addItem(request);
      if (reply.ok) this.logger.log({ msg: 'cart item added', cart: request.cart, productId: request.productId, quantity: request.quantity });
      return reply;
    });
    await this.bus.reply(cartSetQuantityV1, (request) => this.carts.setQuantity(request));
    await this.bus.reply(cartRemoveItemV1, (request) => this.carts.removeItem(request));
    await this.bus.reply(cartClearV1, (request) => this.carts.clear(request));
    await this.bus.reply(cartConfirmV1, (request) => this.carts.confirm(request));
  }
}
