import type { Logger } from '@nestjs/common';
import { agentAudioFrameV1, agentAudioLostV1, audioFrameV1, type AudioFrameMetaV1 } from '@callcart/contracts';
import { decodeAlaw, encodeMulaw } from '@callcart/audio';
import type { Listening, MessageBus } from '@callcart/messaging';
import { AudioLossWatchdog } from '../media/audio-loss.watchdog';
import { FramePacer, realClock } from '../media/frame-pacer';
import { JitterBuffer } from '../media/jitter-buffer';
import { MulawFramer } from '../media/mulaw-framer';
import { PcmuPacketiser } from '../media/pcmu-packetiser';
import { FRAME_MS } from '../media/telephone-frame';
import { AgentPeer, type AgentPeerOptions } from './agent-peer';
import type { VoiceMetrics } from './voice.metrics';

export interface SessionSettings extends AgentPeerOptions {
  readonly agentAudioLossMs: number;
  readonly reorderWindowMs: number;
}

/** Why a session ended: told to (routing, the agent leaving, shutdown) or the agent's audio was lost. */
export type SessionEnd = 'closed' | 'audio-lost';

/**
 * The bridge between one agent's browser and one call: the caller's frames from NATS go to the
 * browser as paced PCMU packets; the browser's packets go through the jitter buffer into 20 ms
 * frames published as the agent's audio. This session only subscribes to the caller's frames,
 * so it can never hold them up on their way to the recogniser. When the agent's audio is gone
 * for `agentAudioLossMs`, it says so once (`agentAudioLostV1`) and closes.
 */
export class AgentVoiceSession {
  private callerFrames?: Listening;
  private readonly pacer: FramePacer;
  private readonly packetiser = new PcmuPacketiser();
  private readonly jitter: JitterBuffer;
  private readonly framer: MulawFramer;
  private readonly watchdog: AudioLossWatchdog;
  private reorderTimer?: NodeJS.Timeout;
  private lossTimer?: NodeJS.Timeout;
  private agentFrames = 0;
  private closed = false;

  private constructor(
    private readonly bus: MessageBus,
    readonly callId: string,
    readonly agentId: string,
    settings: SessionSettings,
    private readonly metrics: VoiceMetrics,
    private readonly logger: Logger,
    private readonly onEnd: (session: AgentVoiceSession, end: SessionEnd) => void,
  ) {
    this.pacer = new FramePacer((frame) => this.sendToAgent(frame), realClock, { maxQueued: 2, onUnpaced: () => metrics.callerFramesUnpaced.inc() });
    this.framer = new MulawFramer((frame) => this.publishAgentFrame(frame));
    this.jitter = new JitterBuffer((audio) => this.framer.write(audio), {
      reorderWindowMs: settings.reorderWindowMs,
      maxWaiting: Math.max(1, Math.ceil(settings.reorderWindowMs / FRAME_MS)),
      maxFillSamples: 8000,
    });
    this.watchdog = new AudioLossWatchdog(settings.agentAudioLossMs, realClock.now());
  }

  private peer?: AgentPeer;

  /** Answers the agent's offer and starts bridging; the answer's SDP goes back to the browser. */
  static async open(spec: {
    bus: MessageBus;
    callId: string;
    agentId: string;
    offerSdp: string;
    settings: SessionSettings;
    metrics: VoiceMetrics;
    logger: Logger;
    onEnd: (session: AgentVoiceSession, end: SessionEnd) => void;
  }): Promise<{ session: AgentVoiceSession; answerSdp: string }> {
    const session = new AgentVoiceSession(spec.bus, spec.callId, spec.agentId, spec.settings, spec.metrics, spec.logger, spec.onEnd);
    const { peer, sdp } = await AgentPeer.answer(spec.offerSdp, spec.settings, (packet) => session.receiveFromAgent(packet));
    session.peer = peer;
    peer.onStateChange((state) => spec.logger.log({ msg: 'agent connection state', callId: spec.callId, agentId: spec.agentId, state }));
    try {
      session.callerFrames = await spec.bus.subscribeBinary(audioFrameV1, (header, body) => session.fromCaller(header, body), { callId: spec.callId });
    } catch (error) {
      await peer.close();
      throw error;
    }
    session.lossTimer = setInterval(() => session.checkAudio(), Math.min(250, spec.settings.agentAudioLossMs / 4));
    return { session, answerSdp: sdp };
  }

  /** Stops bridging and closes the connection; no audio-lost event (the close was asked for). */
  async close(): Promise<void> {
    await this.end('closed');
  }

  private fromCaller(header: AudioFrameMetaV1, body: Uint8Array): void {
    if (header.encoding === 'mulaw') this.pacer.push(body);
    else if (header.encoding === 'alaw') this.pacer.push(encodeMulaw(decodeAlaw(body)));
    else this.metrics.callerFramesSkipped.inc();
  }

  private sendToAgent(frame: Uint8Array): void {
    if (!this.peer || this.closed) return;
    this.peer.send(this.packetiser.packetise(frame, realClock.now()));
    this.metrics.packetsToAgent.inc();
  }

  private receiveFromAgent(packet: { sequenceNumber: number; timestamp: number; payload: Uint8Array }): void {
    if (this.closed) return;
    const now = realClock.now();
    this.watchdog.heard(now);
    const lostBefore = this.jitter.counters.lost;
    this.jitter.push(packet, now);
    this.metrics.packetsFromAgent.inc();
    this.afterJitter(lostBefore);
  }

  /** Counts the losses the jitter buffer found and wakes it at its next deadline, if one is waiting. */
  private afterJitter(lostBefore: number): void {
    const lost = this.jitter.counters.lost - lostBefore;
    if (lost > 0) this.metrics.packetsLostFromAgent.inc(lost);
    const deadline = this.jitter.deadline();
    if (deadline === undefined || this.reorderTimer) return;
    this.reorderTimer = setTimeout(() => {
      this.reorderTimer = undefined;
      const before = this.jitter.counters.lost;
      this.jitter.expire(realClock.now());
      this.afterJitter(before);
    }, Math.max(0, deadline - realClock.now()));
  }

  private publishAgentFrame(frame: Uint8Array): void {
    const sequenceNumber = this.agentFrames;
    this.agentFrames += 1;
    // With every other call's frames of this turn of the event loop: one socket write for all.
    this.bus.publishBinaryInTurn(
      agentAudioFrameV1,
      { callId: this.callId, sequenceNumber, timestampMs: sequenceNumber * FRAME_MS, encoding: 'mulaw', sampleRateHz: 8000 },
      frame,
      (error) => (error === undefined ? this.metrics.framesPublished.inc() : this.logger.error({ msg: "agent's frame not published", callId: this.callId, err: error })),
    );
  }

  private checkAudio(): void {
    const silentForMs = this.watchdog.check(realClock.now());
    if (silentForMs === undefined || this.closed) return;
    this.logger.warn({ msg: "agent's audio lost", callId: this.callId, agentId: this.agentId, silentForMs });
    this.metrics.audioLost.inc();
    void this.bus
      .publish(agentAudioLostV1, { callId: this.callId, agentId: this.agentId, silentForMs, at: new Date().toISOString() })
      .catch((error: unknown) => this.logger.error({ msg: 'could not publish audio lost', callId: this.callId, err: error }));
    void this.end('audio-lost');
  }

  private async end(end: SessionEnd): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.lossTimer);
    clearTimeout(this.reorderTimer);
    this.pacer.stop();
    this.onEnd(this, end);
    await this.callerFrames?.stop();
    await this.peer?.close();
  }
}
