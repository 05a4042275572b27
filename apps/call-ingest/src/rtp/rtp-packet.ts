/** An RTP packet (RFC 3550 §5.1), as much of it as G.711 audio and RFC 4733 events need. */
export interface RtpPacket {
  readonly payloadType: number;
  readonly marker: boolean;
  readonly sequenceNumber: number;
  readonly timestamp: number;
  readonly ssrc: number;
  readonly payload: Buffer;
}

const HEADER_BYTES = 12;

/**
 * Reads an RTP packet; undefined for anything that is not RTP version 2 or whose CSRC list,
 * extension or padding run past its end (such datagrams are counted and dropped by the caller).
 */
export function parseRtpPacket(datagram: Buffer): RtpPacket | undefined {
  if (datagram.length < HEADER_BYTES) return undefined;
  const first = datagram[0];
  if (first >> 6 !== 2) return undefined;
  const payloadType = datagram[1] & 0x7f;
  // 72–76 are RTCP packet types arriving on the RTP port (rtcp-mux): not audio.
  if (payloadType >= 72 && payloadType <= 76) return undefined;
  let offset = HEADER_BYTES + (first & 0x0f) * 4;
  if (first & 0x10) {
    if (datagram.length < offset + 4) return undefined;
    offset += 4 + datagram.readUInt16BE(offset + 2) * 4;
  }
  let end = datagram.length;
  if (first & 0x20) end -= datagram[datagram.length - 1];
  if (offset > end) return undefined;
  return {
    payloadType,
    marker: (datagram[1] & 0x80) !== 0,
    sequenceNumber: datagram.readUInt16BE(2),
    timestamp: datagram.readUInt32BE(4),
    ssrc: datagram.readUInt32BE(8),
    payload: datagram.subarray(offset, end),
  };
}

/** Writes an RTP packet with no CSRCs, extension or padding. */
export function serialiseRtpPacket(packet: RtpPacket): Buffer {
  const datagram = Buffer.allocUnsafe(HEADER_BYTES + packet.payload.length);
  datagram[0] = 0x80;
  datagram[1] = (packet.marker ? 0x80 : 0) | (packet.payloadType & 0x7f);
  datagram.writeUInt16BE(packet.sequenceNumber & 0xffff, 2);
  datagram.writeUInt32BE(packet.timestamp >>> 0, 4);
  datagram.writeUInt32BE(packet.ssrc >>> 0, 8);
  packet.payload.copy(datagram, HEADER_BYTES);
  return datagram;
}

/**
 * Extends a wrapping counter (16-bit sequence numbers, 32-bit timestamps) to a monotonic number,
 * taking the value nearest the last one: a packet a little late after a wrap is read as before it.
 */
export class WrapExtender {
  private last: number | undefined;

  constructor(private readonly modulus: number) {}

  extend(value: number): number {
    if (this.last === undefined) {
      this.last = value;
      return value;
    }
    const half = this.modulus / 2;
    const base = this.last - (((this.last % this.modulus) + this.modulus) % this.modulus);
    let candidate = base + value;
    if (candidate - this.last > half) candidate -= this.modulus;
    else if (this.last - candidate > half) candidate += this.modulus;
    if (candidate > this.last) this.last = candidate;
    return candidate;
  }
}
