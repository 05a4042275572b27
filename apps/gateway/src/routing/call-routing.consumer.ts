import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { callEndedV1, callStartedV1 } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { CallRoutingService } from './call-routing.service';

/**
 * Follows the calls from call-ingest through durable consumers shared by the gateway replicas
 * (`gateway-call-started`, `gateway-call-ended`): each fact is routed by one replica, and a
 * replica that was down catches up. Routing is idempotent per call id, so a redelivery is harmless.
 */
@Injectable()
export class CallRoutingConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly bus: MessageBus,
    private readonly routing: CallRoutingService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.consume(callStartedV1, { durable: 'gateway-call-started' }, (call) => this.routing.callStarted(call));
    await this.bus.consume(callEndedV1, { durable: 'gateway-call-ended' }, (call) => this.routing.callEnded(call.callId, call.endedAt));
  }
}
