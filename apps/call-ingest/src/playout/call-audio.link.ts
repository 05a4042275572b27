import { Injectable, Logger } from '@nestjs/common';
import { agentAudioFrameV1, callControlV1, type AudioFrameMetaV1, type CallControlV1 } from '@callcart/contracts';
import { MessageBus, type Listening } from '@callcart/messaging';

/** What one call does with the agent's audio and the routing's commands. */
export interface CallAudioHandlers {
  agentFrame(meta: AudioFrameMetaV1, body: Uint8Array): void;
  command(command: CallControlV1['command']): void;
}

/**
 * The call's own subjects on NATS: the agent's frames and the call control commands. Subscribed
 * per call id and without a queue group, so exactly the replica holding the call's media socket
 * acts on them (another replica has no subscription for that call).
 */
@Injectable()
export class CallAudioLink {
  private readonly logger = new Logger(CallAudioLink.name);

  constructor(private readonly bus: MessageBus) {}

  /** Subscribes; resolves once NATS has both subscriptions. The returned function unsubscribes. */
  async attach(callId: string, handlers: CallAudioHandlers): Promise<() => Promise<void>> {
    const listenings: Listening[] = [];
    try {
      listenings.push(await this.bus.subscribeBinary(agentAudioFrameV1, (meta, body) => handlers.agentFrame(meta, body), { callId }));
      listenings.push(
        await this.bus.subscribe(
          callControlV1,
          (control) => {
            this.logger.log({ msg: 'call control', callId, command: control.command, agentId: control.agentId });
            handlers.command(control.command);
          },
          { callId },
        ),
      );
    } catch (error) {
      await Promise.allSettled(listenings.map((listening) => listening.stop()));
      throw error;
    }
    return async () => {
      await Promise.allSettled(listenings.map((listening) => listening.stop()));
    };
  }
}
