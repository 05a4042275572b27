import { PcmuPacketiser } from './pcmu-packetiser';

const frame = () => new Uint8Array(160).fill(0x55);

describe('PcmuPacketiser', () => {
  it('numbers 20 ms frames with sequence +1 and timestamp +160, payload type 0, marker on the first', () => {
    const packetiser = new PcmuPacketiser({ sequenceNumber: 10, timestamp: 1000 });
    const packets = [0, 20, 40].map((at) => packetiser.packetise(frame(), at));
    expect(packets.map(({ sequenceNumber, timestamp, payloadType, marker }) => ({ sequenceNumber, timestamp, payloadType, marker }))).toEqual([
      { sequenceNumber: 10, timestamp: 1000, payloadType: 0, marker: true },
      { sequenceNumber: 11, timestamp: 1160, payloadType: 0, marker: false },
      { sequenceNumber: 12, timestamp: 1320, payloadType: 0, marker: false },
    ]);
    expect(packets[1].payload).toEqual(frame());
  });

  it('wraps the sequence number at 65535 and the timestamp at 2^32', () => {
    const packetiser = new PcmuPacketiser({ sequenceNumber: 65535, timestamp: 0xffffffff - 159 });
    const [a, b, c] = [0, 20, 40].map((at) => packetiser.packetise(frame(), at));
    expect([a.sequenceNumber, b.sequenceNumber, c.sequenceNumber]).toEqual([65535, 0, 1]);
    expect([a.timestamp, b.timestamp, c.timestamp]).toEqual([0xffffffff - 159, 0, 160]);
  });

  it('advances the timestamp by the time a pause took and marks the packet after it, with no gap in sequence numbers', () => {
    const packetiser = new PcmuPacketiser({ sequenceNumber: 0, timestamp: 0 });
    packetiser.packetise(frame(), 0);
    packetiser.packetise(frame(), 25);
    const afterPause = packetiser.packetise(frame(), 125);
    expect(afterPause).toMatchObject({ sequenceNumber: 2, timestamp: 160 + 160 + 4 * 160, marker: true });
  });

  it('starts at random numbers when not told where', () => {
    const starts = new Set(Array.from({ length: 5 }, () => new PcmuPacketiser().packetise(frame(), 0).sequenceNumber));
    expect(starts.size).toBeGreaterThan(1);
  });
});
