import type { LoggerService } from '@nestjs/common';
import type { CallControlV1 } from '@callcart/contracts';
import type { IngestMetrics } from '../media/ingest.metrics';
import type { SessionPlayout } from '../media/media-stream.session';
import type { WaitingPrompts } from '../prompts/prompt-files';
import type { CallAudioLink } from './call-audio.link';
import { CallerPlayout } from './caller-playout';

export interface CallPlayoutBindingDeps {
  readonly link: CallAudioLink;
  readonly metrics: IngestMetrics;
  readonly logger: LoggerService;
  readonly prompts: WaitingPrompts;
  /** The media socket: send a text message, bytes not yet written. */
  readonly socket: { send(text: string): void; backlog(): number };
  /** Ends the call from callcart's side (the session's hang-up). */
  readonly hangUp: () => void;
}

/**
 * Joins one media socket's playout to its call's subjects: from the call's start the caller hears
 * the waiting audio, the agent's frames once routing says `connect`, the waiting loop on `hold`;
 * `hangup` ends the call through the session. Unsubscribes when the call ends.
 */
export class CallPlayoutBinding implements SessionPlayout {
  private playout: CallerPlayout | undefined;
  private detach: Promise<(() => Promise<void>) | undefined> | undefined;
  private callId: string | undefined;

  constructor(private readonly deps: CallPlayoutBindingDeps) {}

  begin(call: { readonly callId: string; readonly streamSid: string }): void {
    this.callId = call.callId;
    const playout = new CallerPlayout({
      streamSid: call.streamSid,
      sendText: (text) => this.deps.socket.send(text),
      socketBacklog: () => this.deps.socket.backlog(),
      metrics: this.deps.metrics,
      prompts: this.deps.prompts,
    });
    this.playout = playout;
    this.detach = this.deps.link
      .attach(call.callId, { agentFrame: (meta, body) => playout.agentFrame(meta, body), command: (command) => this.command(command) })
      .catch((error: unknown) => {
        this.deps.logger.error({ msg: "could not subscribe to the call's agent audio and control: the caller hears only the waiting audio", callId: call.callId, err: (error as Error).message });
        return undefined;
      });
  }

  markPlayed(name: string): void {
    this.playout?.markPlayed(name);
  }

  end(clear: boolean): void {
    this.playout?.end({ clear });
    void this.detach?.then((unsubscribe) => unsubscribe?.());
  }

  private command(command: CallControlV1['command']): void {
    if (this.playout?.currentMode === 'ended') return;
    this.deps.metrics.callControlCommands.inc({ command });
    switch (command) {
      case 'connect':
        return this.playout?.connect();
      case 'hold':
        return this.playout?.hold();
      case 'hangup':
        this.deps.logger.log({ msg: 'hanging up the call at the carrier', callId: this.callId });
        return this.deps.hangUp();
      default: {
        const unhandled: never = command;
        throw new Error(`unhandled call control command ${String(unhandled)}`);
      }
    }
  }
}
