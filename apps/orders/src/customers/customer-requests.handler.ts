import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { customerFindV1, customerGetV1, customerRegisterV1, customerSetShippingAddressV1 } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { CustomersService } from './customers.service';

/** Serves customer registration, addresses and profiles over NATS. */
@Injectable()
export class CustomerRequestsHandler implements OnApplicationBootstrap {
  constructor(
    private readonly bus: MessageBus,
    private readonly customers: CustomersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.reply(customerRegisterV1, (request) => this.customers.register(request));
    await this.bus.reply(customerSetShippingAddressV1, (request) => this.customers.setShippingAddress(request));
    await this.bus.reply(customerGetV1, (request) => this.customers.get(request));
    await this.bus.reply(customerFindV1, (request) => this.customers.find(request));
  }
}
