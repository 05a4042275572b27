import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';

/** The voice service's Prometheus figures, on the application's registry (served at /metrics). */
@Injectable()
export class VoiceMetrics {
  readonly sessionsActive: Gauge;
  readonly sessionsOpened: Counter;
  readonly offersRefused: Counter<'code'>;
  readonly sessionsEnded: Counter<'end'>;
  readonly packetsToAgent: Counter;
  readonly packetsFromAgent: Counter;
  readonly packetsLostFromAgent: Counter;
  readonly framesPublished: Counter;
  readonly callerFramesSkipped: Counter;
  readonly callerFramesUnpaced: Counter;
  readonly audioLost: Counter;

  constructor(@Inject(Registry) registry: Registry) {
    const registers = [registry];
    this.sessionsActive = new Gauge({ name: 'callcart_voice_sessions_active', help: "Agents' audio connections open on this replica", registers });
    this.sessionsOpened = new Counter({ name: 'callcart_voice_sessions_opened_total', help: 'Offers answered', registers });
    this.offersRefused = new Counter({ name: 'callcart_voice_offers_refused_total', help: 'Offers refused, by code', labelNames: ['code'], registers });
    this.sessionsEnded = new Counter({ name: 'callcart_voice_sessions_ended_total', help: 'Connections ended (closed, audio-lost)', labelNames: ['end'], registers });
    this.packetsToAgent = new Counter({ name: 'callcart_voice_packets_to_agent_total', help: "RTP packets of the caller's audio sent to agents", registers });
    this.packetsFromAgent = new Counter({ name: 'callcart_voice_packets_from_agent_total', help: "RTP packets received from agents", registers });
    this.packetsLostFromAgent = new Counter({ name: 'callcart_voice_packets_lost_from_agent_total', help: "Agents' RTP packets that never came (filled with silence)", registers });
    this.framesPublished = new Counter({ name: 'callcart_voice_agent_frames_published_total', help: "20 ms frames of agents' audio published", registers });
    this.callerFramesSkipped = new Counter({ name: 'callcart_voice_caller_frames_skipped_total', help: 'Caller frames in an encoding the bridge does not carry (pcm16)', registers });
    this.callerFramesUnpaced = new Counter({ name: 'callcart_voice_caller_frames_unpaced_total', help: 'Caller frames sent ahead of their 20 ms slot because too many waited (an upstream stall released at once)', registers });
    this.audioLost = new Counter({ name: 'callcart_voice_agent_audio_lost_total', help: "Agents' audio reported lost", registers });
  }
}
