import { nextSequence, nextTimestamp, sequenceDistance, timestampDistance } from './rtp-numbers';
import { MULAW_SILENCE } from './telephone-frame';

/** One received RTP packet of PCMU audio, as much of it as the buffer needs. */
export interface ReceivedPacket {
  readonly sequenceNumber: number;
  readonly timestamp: number;
  readonly payload: Uint8Array;
}

export interface JitterBufferOptions {
  /** How long a missing packet is waited for once a later one has arrived, before it counts as lost. */
  readonly reorderWindowMs: number;
  /** At most this many packets wait behind a missing one (a longer burst declares it lost at once). */
  readonly maxWaiting: number;
  /** A gap longer than this many samples is a restarted stream, not a loss: no silence is made up for it. */
  readonly maxFillSamples: number;
}

export const DEFAULT_JITTER_OPTIONS: JitterBufferOptions = { reorderWindowMs: 40, maxWaiting: 5, maxFillSamples: 8000 };

export interface JitterCounters {
  received: number;
  /** Packets that never came (their time filled with silence). */
  lost: number;
  /** Packets that came after their time or twice (dropped). */
  late: number;
  /** Packets that came out of order but in time (put back in order). */
  reordered: number;
}

/**
 * Puts the agent's RTP packets back in order on their way to the caller, adding no delay while
 * they arrive in order: a packet that follows the last one goes out at once. When one is missing,
 * the later ones wait at most `reorderWindowMs` (or until `maxWaiting` of them queue) for it; then
 * it is lost and the time it covered goes out as µ-law silence, as long as the RTP timestamps say
 * it was (so a 30 ms packet lost is 30 ms of silence), and the waiting packets follow. Sequence
 * numbers and timestamps are compared modulo their size, so both wraps pass unnoticed.
 *
 * No socket and no timer inside: the owner calls {@link push} per packet and {@link expire} at
 * {@link deadline} (the time is passed in), so tests drive it with numbers.
 */
export class JitterBuffer {
  readonly counters: JitterCounters = { received: 0, lost: 0, late: 0, reordered: 0 };
  private expectedSequence?: number;
  private expectedTimestamp = 0;
  private readonly waiting = new Map<number, ReceivedPacket>();
  private waitingSince?: number;

  constructor(
    /** Receives the audio in order: packet payloads and the silence standing in for lost ones. */
    private readonly emit: (audio: Uint8Array) => void,
    private readonly options: JitterBufferOptions = DEFAULT_JITTER_OPTIONS,
  ) {}

  push(packet: ReceivedPacket, nowMs: number): void {
    this.counters.received += 1;
    if (this.expectedSequence === undefined) {
      this.play(packet);
      return;
    }
    const ahead = sequenceDistance(packet.sequenceNumber, this.expectedSequence);
    if (ahead < 0 || this.waiting.has(packet.sequenceNumber)) {
      this.counters.late += 1;
      return;
    }
    if (ahead === 0) {
      if (this.waiting.size > 0) this.counters.reordered += 1;
      this.play(packet);
      this.drain(nowMs);
      return;
    }
    this.waiting.set(packet.sequenceNumber, packet);
    this.waitingSince ??= nowMs;
    if (this.waiting.size > this.options.maxWaiting) this.skipMissing(nowMs);
  }

  /** When {@link expire} must next be called, if a packet is being waited for. */
  deadline(): number | undefined {
    return this.waitingSince === undefined ? undefined : this.waitingSince + this.options.reorderWindowMs;
  }

  /** Gives up on the missing packet if its wait is over. */
  expire(nowMs: number): void {
    const deadline = this.deadline();
    if (deadline !== undefined && nowMs >= deadline) this.skipMissing(nowMs);
  }

  /** Declares every packet up to the first one waiting lost, fills their time with silence, and plays on. */
  private skipMissing(nowMs: number): void {
    const next = this.firstWaiting();
    if (!next || this.expectedSequence === undefined) return;
    this.counters.lost += sequenceDistance(next.sequenceNumber, this.expectedSequence);
    const missingSamples = timestampDistance(next.timestamp, this.expectedTimestamp);
    if (missingSamples > 0 && missingSamples <= this.options.maxFillSamples) {
      this.emit(new Uint8Array(missingSamples).fill(MULAW_SILENCE));
    }
    this.waiting.delete(next.sequenceNumber);
    this.play(next);
    this.drain(nowMs);
  }

  private firstWaiting(): ReceivedPacket | undefined {
    let first: ReceivedPacket | undefined;
    for (const packet of this.waiting.values()) {
      if (!first || sequenceDistance(packet.sequenceNumber, first.sequenceNumber) < 0) first = packet;
    }
    return first;
  }

  /** Plays the packets that now follow in order; the wait restarts for the next gap, if any. */
  private drain(nowMs: number): void {
    for (let packet = this.takeExpected(); packet; packet = this.takeExpected()) this.play(packet);
    this.waitingSince = this.waiting.size > 0 ? nowMs : undefined;
  }

  private takeExpected(): ReceivedPacket | undefined {
    if (this.expectedSequence === undefined) return undefined;
    const packet = this.waiting.get(this.expectedSequence);
    if (packet) this.waiting.delete(this.expectedSequence);
    return packet;
  }

  private play(packet: ReceivedPacket): void {
    this.emit(packet.payload);
    this.expectedSequence = nextSequence(packet.sequenceNumber);
    this.expectedTimestamp = nextTimestamp(packet.timestamp, packet.payload.byteLength);
  }
}
