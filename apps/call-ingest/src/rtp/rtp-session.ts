import type { Socket } from 'node:dgram';
import { randomInt } from 'node:crypto';
import { FrameSplitter } from '@callcart/audio';
import { JitterBuffer } from './jitter-buffer';
import type { PacedStream } from './media-clock';
import { parseRtpPacket, serialiseRtpPacket } from './rtp-packet';
import { TelephoneEventReader } from './telephone-event';

/** G.711 silence: a zero sample in each law. */
export const SILENCE_BYTE = { PCMA: 0xd5, PCMU: 0xff } as const;

const NO_AUDIO = Buffer.alloc(0);

/** What the call negotiated for this stream (SDP), changeable by a re-INVITE. */
export interface RtpStreamSettings {
  readonly codec: 'PCMA' | 'PCMU';
  readonly payloadType: number;
  readonly telephoneEventPayloadType?: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  /** Whether we send audio (the caller's direction allows it) and whether the caller sends. */
  readonly weSend: boolean;
  readonly callerSends: boolean;
}

export interface RtpSessionListener {
  /** 20 ms of the caller's audio in the negotiated law, in order, silence where packets were lost. */
  audioFrame(frame: Uint8Array): void;
  key(key: string): void;
}

/** Counters a session keeps for call ended and metrics. */
export interface RtpStreamStats {
  packetsReceived: number;
  packetsLost: number;
  packetsDropped: number;
  packetsForeign: number;
  packetsSent: number;
  sendErrors: number;
}

/**
 * One call's RTP: a UDP socket of the port pool, the caller's packets through the jitter buffer
 * into 20 ms frames, keypad events, and one frame sent per media-clock tick from `nextFrame`
 * (the agent's voice or the waiting audio, already in the negotiated law). Symmetric RTP: once
 * the caller's first packet arrives we send to where it came from (NAT), and packets from
 * anywhere else are dropped.
 */
export class RtpSession implements PacedStream {
  private settings: RtpStreamSettings;
  private buffer: JitterBuffer;
  private readonly splitter = FrameSplitter.mulaw8k();
  private readonly events = new TelephoneEventReader();
  private latched: { address: string; port: number } | undefined;
  private ssrc: number | undefined;
  private readonly ourSsrc = randomInt(0, 2 ** 32);
  private sequence = randomInt(0, 0x10000);
  private timestamp = randomInt(0, 2 ** 32);
  private firstSent = true;
  /** When the caller's last packet came (ms); starts at the session's opening. */
  lastPacketAt: number;
  readonly stats: RtpStreamStats = { packetsReceived: 0, packetsLost: 0, packetsDropped: 0, packetsForeign: 0, packetsSent: 0, sendErrors: 0 };

  constructor(
    readonly socket: Socket,
    readonly port: number,
    settings: RtpStreamSettings,
    private readonly listener: RtpSessionListener,
    private readonly nextFrame: (codec: 'PCMA' | 'PCMU') => Uint8Array | undefined,
    now = Date.now(),
  ) {
    this.settings = settings;
    this.buffer = new JitterBuffer({ silenceByte: SILENCE_BYTE[settings.codec] });
    this.lastPacketAt = now;
    socket.on('message', (datagram, from) => this.receive(datagram, from.address, from.port, Date.now()));
    // A send that fails (an unreachable or unresolvable address from the SDP) must not crash the
    // service: the caller simply hears nothing until a good address is known.
    socket.on('error', () => (this.stats.sendErrors += 1));
  }

  get codec(): 'PCMA' | 'PCMU' {
    return this.settings.codec;
  }

  /** A re-INVITE changed the stream: a new remote address un-latches (the caller moved). */
  update(settings: RtpStreamSettings): void {
    if (settings.remoteAddress !== this.settings.remoteAddress || settings.remotePort !== this.settings.remotePort) this.latched = undefined;
    if (settings.callerSends && !this.settings.callerSends) this.lastPacketAt = Date.now();
    this.settings = settings;
  }

  /** Whether the caller is supposed to be sending (RTP timeout applies only then). */
  get expectsCallerAudio(): boolean {
    return this.settings.callerSends;
  }

  receive(datagram: Buffer, address: string, port: number, now: number): void {
    if (this.latched && (this.latched.address !== address || this.latched.port !== port)) {
      this.stats.packetsForeign += 1;
      return;
    }
    const packet = parseRtpPacket(datagram);
    if (!packet) {
      this.stats.packetsDropped += 1;
      return;
    }
    this.latched ??= { address, port };
    this.lastPacketAt = now;
    this.stats.packetsReceived += 1;
    if (this.ssrc !== packet.ssrc) {
      // A new source (the far end switched streams, e.g. after a transfer): start afresh.
      if (this.ssrc !== undefined) this.lost();
      this.ssrc = packet.ssrc;
      this.buffer = new JitterBuffer({ silenceByte: SILENCE_BYTE[this.settings.codec] });
    }
    let audio = packet.payload;
    if (packet.payloadType === this.settings.telephoneEventPayloadType) {
      const key = this.events.read(packet.timestamp, packet.payload);
      if (key) this.listener.key(key);
      audio = NO_AUDIO;
    } else if (packet.payloadType !== this.settings.payloadType) {
      this.stats.packetsDropped += 1; // comfort noise (13) and anything not negotiated
      audio = NO_AUDIO;
    }
    // Events and comfort noise take sequence numbers too: they hold their place in the buffer.
    this.emit(this.buffer.push(packet.sequenceNumber, packet.timestamp, audio, now));
  }

  /** One media-clock tick: gives up stale gaps and sends one frame to the caller. */
  tick(now: number): void {
    this.emit(this.buffer.flush(now));
    if (!this.settings.weSend) return;
    const frame = this.nextFrame(this.settings.codec);
    if (!frame) return;
    const target = this.latched ?? { address: this.settings.remoteAddress, port: this.settings.remotePort };
    if (target.port === 0 || target.address === '0.0.0.0') return;
    const datagram = serialiseRtpPacket({
      payloadType: this.settings.payloadType,
      marker: this.firstSent,
      sequenceNumber: this.sequence,
      timestamp: this.timestamp,
      ssrc: this.ourSsrc,
      payload: Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength),
    });
    this.firstSent = false;
    this.sequence = (this.sequence + 1) & 0xffff;
    this.timestamp = (this.timestamp + frame.length) >>> 0;
    this.stats.packetsSent += 1;
    this.socket.send(datagram, target.port, target.address);
  }

  private lost(): void {
    this.stats.packetsLost += this.buffer.lost;
    this.stats.packetsDropped += this.buffer.dropped;
  }

  private emit(released: { payload: Buffer }[]): void {
    for (const audio of released) for (const frame of this.splitter.push(audio.payload)) this.listener.audioFrame(frame);
  }

  /** Final counters (the jitter buffer's losses folded in). */
  finalStats(): RtpStreamStats {
    this.lost();
    this.buffer = new JitterBuffer({ silenceByte: SILENCE_BYTE[this.settings.codec] });
    return this.stats;
  }
}
