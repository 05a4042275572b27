import { Module } from '@nestjs/common';
import { FulfilmentService } from './fulfilment.service';
import { OrderRequestsHandler } from './order-requests.handler';
import { OrdersService } from './orders.service';

/** Orders through their process: placing, cancelling, reading, listing by state and shipping. */
@Module({ providers: [OrdersService, FulfilmentService, OrderRequestsHandler] })
export class OrdersModule {}
