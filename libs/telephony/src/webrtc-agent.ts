import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, RtpPacket } from 'werift';

/** An RTP packet of PCMU audio as the agent's end sees or sends it. */
export interface AgentRtpPacket {
  readonly sequenceNumber: number;
  readonly timestamp: number;
  readonly payload: Uint8Array;
  readonly marker?: boolean;
}

/**
 * The agent's end of a WebRTC voice connection, played in Node (werift) where a browser is not
 * wanted: the voice service's tests and the voice benchmark. Offers PCMU only (as the desk's
 * answer from the voice service will carry), with candidates gathered before the offer is
 * returned (no trickle), and exposes the packets it receives.
 */
export class WebRtcAgent {
  private readonly pc: RTCPeerConnection;
  private readonly microphone = new MediaStreamTrack({ kind: 'audio' });
  private readonly listeners: ((packet: AgentRtpPacket, receivedAt: number) => void)[] = [];

  constructor(options: { offerPcmu?: boolean } = {}) {
    const codec = options.offerPcmu === false
      ? new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, channels: 2, payloadType: 111 })
      : new RTCRtpCodecParameters({ mimeType: 'audio/PCMU', clockRate: 8000, channels: 1, payloadType: 0 });
    this.pc = new RTCPeerConnection({ codecs: { audio: [codec], video: [] }, iceServers: [], iceUseIpv6: false });
    this.pc.addTransceiver(this.microphone, { direction: 'sendrecv' });
    this.pc.onTrack.subscribe((track) =>
      track.onReceiveRtp.subscribe((rtp) => {
        const packet = { sequenceNumber: rtp.header.sequenceNumber, timestamp: rtp.header.timestamp, payload: rtp.payload, marker: rtp.header.marker };
        const receivedAt = performance.now();
        for (const listener of this.listeners) listener(packet, receivedAt);
      }),
    );
  }

  /** The offer to post (`{ sdp }`), with every candidate in it. */
  async offer(): Promise<string> {
    await this.pc.setLocalDescription(await this.pc.createOffer());
    await new Promise<void>((resolve) => {
      if (this.pc.iceGatheringState === 'complete') return resolve();
      this.pc.iceGatheringStateChange.subscribe((state) => state === 'complete' && resolve());
    });
    return this.pc.localDescription?.sdp ?? '';
  }

  /** Takes the voice service's answer and waits until media can flow. */
  async accept(answerSdp: string, timeoutMs = 10_000): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'answer', sdp: answerSdp });
    await this.connected(timeoutMs);
  }

  onPacket(listener: (packet: AgentRtpPacket, receivedAt: number) => void): void {
    this.listeners.push(listener);
  }

  /** Sends one packet of the agent's voice (PCMU). */
  send(packet: AgentRtpPacket): void {
    const header = new RtpHeader({ sequenceNumber: packet.sequenceNumber & 0xffff, timestamp: packet.timestamp >>> 0, payloadType: 0, marker: packet.marker ?? false });
    this.microphone.writeRtp(new RtpPacket(header, Buffer.from(packet.payload)));
  }

  get state(): string {
    return this.pc.connectionState;
  }

  /** Resolves when the connection reaches `state` (`closed`, `failed`, ...), or rejects after the timeout. */
  reaches(state: string, timeoutMs: number): Promise<void> {
    if (this.pc.connectionState === state) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`connection still ${this.pc.connectionState}, not ${state}, after ${timeoutMs} ms`)), timeoutMs);
      this.pc.connectionStateChange.subscribe((now) => {
        if (now !== state) return;
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async close(): Promise<void> {
    this.microphone.stop();
    await this.pc.close().catch(() => undefined);
  }

  private connected(timeoutMs: number): Promise<void> {
    return this.reaches('connected', timeoutMs);
  }
}
