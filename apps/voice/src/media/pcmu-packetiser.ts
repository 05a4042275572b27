import { nextSequence, nextTimestamp } from './rtp-numbers';
import { FRAME_MS, PCMU_PAYLOAD_TYPE, SAMPLES_PER_FRAME } from './telephone-frame';

/** The header fields of an outgoing PCMU packet (the RTP stack adds SSRC and the rest). */
export interface OutgoingPacket {
  readonly sequenceNumber: number;
  readonly timestamp: number;
  readonly payloadType: number;
  /** Set on the first packet of a talkspurt: the receiver may re-anchor its playout there. */
  readonly marker: boolean;
  readonly payload: Uint8Array;
}

/**
 * Numbers the caller's 20 ms µ-law frames as PCMU RTP packets: the sequence number goes up by
 * one per packet and the timestamp by 160 samples, both wrapping as RTP says. When nothing was
 * sent for longer than two frames (the caller's audio paused), the timestamp jumps by the time
 * that passed and the marker bit is set, so the browser plays the audio at its real time.
 */
export class PcmuPacketiser {
  private sequenceNumber: number;
  private timestamp: number;
  private lastSentAt?: number;

  constructor(start: { sequenceNumber: number; timestamp: number } = randomStart()) {
    this.sequenceNumber = start.sequenceNumber & 0xffff;
    this.timestamp = start.timestamp >>> 0;
  }

  packetise(frame: Uint8Array, nowMs: number): OutgoingPacket {
    let marker = this.lastSentAt === undefined;
    if (this.lastSentAt !== undefined) {
      const quietFrames = Math.round((nowMs - this.lastSentAt) / FRAME_MS) - 1;
      if (quietFrames >= 2) {
        this.timestamp = nextTimestamp(this.timestamp, quietFrames * SAMPLES_PER_FRAME);
        marker = true;
      }
    }
    const packet = { sequenceNumber: this.sequenceNumber, timestamp: this.timestamp, payloadType: PCMU_PAYLOAD_TYPE, marker, payload: frame };
    this.sequenceNumber = nextSequence(this.sequenceNumber);
    this.timestamp = nextTimestamp(this.timestamp, frame.byteLength);
    this.lastSentAt = nowMs;
    return packet;
  }
}

/** RFC 3550 asks for random initial values, so a stream's packets cannot be guessed from its start. */
function randomStart(): { sequenceNumber: number; timestamp: number } {
  return { sequenceNumber: Math.floor(Math.random() * 0x10000), timestamp: Math.floor(Math.random() * 0x100000000) };
}
