import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { voiceSessionCloseV1, voiceSessionOfferV1, type ReplyOf, type VoiceSessionCloseV1, type VoiceSessionOfferV1 } from '@callcart/contracts';
import { MessageBus, type Listening } from '@callcart/messaging';
import { VOICE_CONFIG, type VoiceConfig } from '../voice.config';
import { OfferRefused } from './agent-peer';
import { AgentVoiceSession, type SessionEnd, type SessionSettings } from './agent-voice.session';
import { VoiceMetrics } from './voice.metrics';

const sessionKey = (callId: string, agentId: string) => `${callId}/${agentId}`;

/**
 * The agents' audio connections this replica carries. Any replica answers an offer (the
 * service's queue group), so any replica can serve any agent; a close from routing goes to every
 * replica (no queue group) and the one holding the connection drops it. A new offer from the same
 * agent for the same call replaces their connection here (the desk reconnecting).
 */
@Injectable()
export class VoiceSessionsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('VoiceSessions');
  private readonly sessions = new Map<string, AgentVoiceSession>();
  private readonly listenings: Listening[] = [];
  private readonly settings: SessionSettings;

  constructor(
    @Inject(MessageBus) private readonly bus: MessageBus,
    @Inject(VOICE_CONFIG) config: VoiceConfig,
    private readonly metrics: VoiceMetrics,
  ) {
    this.settings = {
      iceServers: config.iceServers,
      udpPorts: config.udpPorts,
      gatherTimeoutMs: 3000,
      agentAudioLossMs: config.agentAudioLossMs,
      reorderWindowMs: config.reorderWindowMs,
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    this.listenings.push(await this.bus.reply(voiceSessionOfferV1, (offer) => this.answer(offer)));
    this.listenings.push(await this.bus.subscribe(voiceSessionCloseV1, (close) => this.closeAsked(close)));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.listenings.map((listening) => listening.stop()));
    await Promise.all([...this.sessions.values()].map((session) => session.close()));
  }

  /** Whether this replica carries the agent's audio for the call now. */
  carries(callId: string, agentId: string): boolean {
    return this.sessions.has(sessionKey(callId, agentId));
  }

  private async answer(offer: VoiceSessionOfferV1): Promise<ReplyOf<typeof voiceSessionOfferV1>> {
    const key = sessionKey(offer.callId, offer.agentId);
    await this.sessions.get(key)?.close();
    try {
      const { session, answerSdp } = await AgentVoiceSession.open({
        bus: this.bus,
        callId: offer.callId,
        agentId: offer.agentId,
        offerSdp: offer.sdp,
        settings: this.settings,
        metrics: this.metrics,
        logger: this.logger,
        onEnd: (ended, end) => this.ended(key, ended, end),
      });
      this.sessions.set(key, session);
      this.metrics.sessionsOpened.inc();
      this.metrics.sessionsActive.set(this.sessions.size);
      this.logger.log({ msg: "agent's audio connected", callId: offer.callId, agentId: offer.agentId });
      return { ok: true, sdp: answerSdp };
    } catch (error) {
      if (!(error instanceof OfferRefused)) throw error;
      this.metrics.offersRefused.inc({ code: error.code });
      return { ok: false, code: error.code, message: error.message };
    }
  }

  private async closeAsked(close: VoiceSessionCloseV1): Promise<void> {
    const matching = [...this.sessions.values()].filter(
      (session) => session.callId === close.callId && (close.agentId === undefined || session.agentId === close.agentId),
    );
    for (const session of matching) {
      this.logger.log({ msg: "agent's audio closed", callId: session.callId, agentId: session.agentId, reason: close.reason });
      await session.close();
    }
  }

  private ended(key: string, session: AgentVoiceSession, end: SessionEnd): void {
    if (this.sessions.get(key) === session) this.sessions.delete(key);
    this.metrics.sessionsEnded.inc({ end });
    this.metrics.sessionsActive.set(this.sessions.size);
  }
}
