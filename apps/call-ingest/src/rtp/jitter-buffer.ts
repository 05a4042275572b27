import { WrapExtender } from './rtp-packet';

/** Audio released by the buffer, in order: a packet's payload or silence standing in for lost ones. */
export interface ReleasedAudio {
  readonly payload: Buffer;
  /** True when this is silence for packets that never came. */
  readonly concealed: boolean;
}

export interface JitterBufferOptions {
  /** Packets held while waiting for a missing one before giving it up (3 × 20 ms by default). */
  readonly depthPackets?: number;
  /** How long a gap is waited for at most, in ms, when packets stop coming behind it. */
  readonly maxWaitMs?: number;
  /** The codec's silence byte (0xd5 A-law, 0xff µ-law). */
  readonly silenceByte: number;
}

/** At most this much silence stands in for a gap; a longer one is a pause (hold, silence suppression). */
const MAX_CONCEALED_SAMPLES = 8000;
/** A sequence jump larger than this restarts the buffer instead of being waited for. */
const RESYNC_JUMP = 1000;

interface HeldPacket {
  readonly timestamp: number;
  readonly payload: Buffer;
  readonly arrivedAt: number;
}

/**
 * Puts a caller's RTP packets back in order (RFC 3550 sequence numbers, extended across the
 * 16-bit wrap; timestamps across the 32-bit wrap) with no clock of its own: a packet in order is
 * released at once; one after a gap is held until the missing packet comes, the buffer holds
 * `depthPackets`, or the gap is `maxWaitMs` old ({@link flush}); then the gap becomes silence as
 * long as the timestamps say (at most a second). Late and duplicate packets are dropped and counted.
 */
export class JitterBuffer {
  private readonly sequence = new WrapExtender(0x10000);
  private readonly timestamps = new WrapExtender(0x1_0000_0000);
  private readonly held = new Map<number, HeldPacket>();
  private next: number | undefined;
  private nextTimestamp: number | undefined;
  private readonly depth: number;
  private readonly maxWaitMs: number;
  /** Packets never received (their audio was concealed). */
  lost = 0;
  /** Packets that came after their place had been given up, or twice. */
  dropped = 0;
  reordered = 0;

  constructor(private readonly options: JitterBufferOptions) {
    this.depth = options.depthPackets ?? 3;
    this.maxWaitMs = options.maxWaitMs ?? 60;
  }

  /**
   * Takes one packet; returns what can be released now, in order. A packet that carries no audio
   * of ours (an RFC 4733 event, comfort noise) is pushed with an empty payload: it shares the
   * stream's sequence numbers, so it must fill its place or it would read as lost.
   */
  push(sequenceNumber: number, timestamp: number, payload: Buffer, now: number): ReleasedAudio[] {
    const seq = this.sequence.extend(sequenceNumber);
    const ts = this.timestamps.extend(timestamp);
    if (this.next === undefined || Math.abs(seq - this.next) > RESYNC_JUMP) {
      this.held.clear();
      this.next = seq;
      this.nextTimestamp = ts;
    }
    if (seq < this.next || this.held.has(seq)) {
      this.dropped += 1;
      return [];
    }
    if (seq !== this.next) this.reordered += 1;
    this.held.set(seq, { timestamp: ts, payload, arrivedAt: now });
    const released = this.releaseInOrder();
    if (this.held.size > this.depth) released.push(...this.skipGap(), ...this.releaseInOrder());
    return released;
  }

  /** Called on a clock tick: gives up a gap that has been waited for `maxWaitMs`. */
  flush(now: number): ReleasedAudio[] {
    const released: ReleasedAudio[] = [];
    while (this.held.size > 0 && now - this.oldestArrival() >= this.maxWaitMs) released.push(...this.skipGap(), ...this.releaseInOrder());
    return released;
  }

  private oldestArrival(): number {
    let oldest = Infinity;
    for (const packet of this.held.values()) oldest = Math.min(oldest, packet.arrivedAt);
    return oldest;
  }

  private releaseInOrder(): ReleasedAudio[] {
    const released: ReleasedAudio[] = [];
    for (let packet = this.held.get(this.next!); packet; packet = this.held.get(this.next!)) {
      this.held.delete(this.next!);
      this.next! += 1;
      if (packet.payload.length === 0) continue;
      this.nextTimestamp = packet.timestamp + packet.payload.length;
      released.push({ payload: packet.payload, concealed: false });
    }
    return released;
  }

  /** Moves past the missing packets before the first held one, with silence in their place. */
  private skipGap(): ReleasedAudio[] {
    const first = Math.min(...this.held.keys());
    this.lost += first - this.next!;
    const firstHeld = this.held.get(first)!;
    const gapSamples = firstHeld.timestamp - (this.nextTimestamp ?? 0);
    this.next = first;
    if (firstHeld.payload.length === 0 || gapSamples <= 0 || gapSamples > MAX_CONCEALED_SAMPLES) return [];
    return [{ payload: Buffer.alloc(gapSamples, this.options.silenceByte), concealed: true }];
  }
}
