import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { agentAudioLostV1, callEndedV1, callStartedV1 } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { CallHandlingService } from './call-handling.service';
import { CallRoutingService } from './call-routing.service';

/**
 * Follows the calls from call-ingest and the agents' audio from the voice service through durable
 * consumers shared by the gateway replicas (`gateway-call-started`, `gateway-call-ended`; the audio
 * reports in the queue group `gateway-agent-audio-lost`): each fact is routed by one replica, and a replica that was down
 * catches up. Routing is idempotent per call id, so a redelivery is harmless.
 */
@Injectable()
export class CallRoutingConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly bus: MessageBus,
    private readonly routing: CallRoutingService,
    private readonly handling: CallHandlingService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.consume(callStartedV1, { durable: 'gateway-call-started' }, (call) => this.routing.callStarted(call));
    await this.bus.consume(callEndedV1, { durable: 'gateway-call-ended' }, (call) => this.routing.callEnded(call.callId, call.endedAt));
    // Core NATS (the voice service's contract has no stream): the replicas' queue group hands each
    // report to one of them; handling it twice would change nothing anyway.
    await this.bus.subscribe(agentAudioLostV1, (lost) => this.handling.agentAudioLost(lost.callId, lost.agentId), { queue: 'gateway-agent-audio-lost' });
  }
}
