import { parseRtpPacket, serialiseRtpPacket, WrapExtender } from './rtp-packet';

describe('RTP packets (RFC 3550 §5.1)', () => {
  it('round-trips a G.711 packet', () => {
    const packet = { payloadType: 8, marker: true, sequenceNumber: 65535, timestamp: 0xfffffff0, ssrc: 0xdeadbeef, payload: Buffer.alloc(160, 0xd5) };
    expect(parseRtpPacket(serialiseRtpPacket(packet))).toEqual(packet);
  });

  it('skips CSRCs and a header extension, and strips padding', () => {
    const payload = Buffer.from([1, 2, 3]);
    const datagram = Buffer.concat([
      Buffer.from([0x80 | 0x20 | 0x10 | 0x02, 0, 0, 7, 0, 0, 0, 160, 0, 0, 0, 9]),
      Buffer.alloc(8), // two CSRCs
      Buffer.from([0xbe, 0xde, 0, 1, 0xaa, 0xbb, 0xcc, 0xdd]), // extension of one word
      payload,
      Buffer.from([0, 2]), // padding of 2 bytes
    ]);
    expect(parseRtpPacket(datagram)).toMatchObject({ payloadType: 0, sequenceNumber: 7, timestamp: 160, ssrc: 9, payload });
  });

  it.each([
    ['too short', Buffer.alloc(11, 0x80)],
    ['version 1', Buffer.from([0x40, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0])],
    ['RTCP on the RTP port', Buffer.from([0x80, 200, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0])],
    ['CSRCs past the end', Buffer.from([0x8f, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0])],
    ['padding past the end', Buffer.from([0xa0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 9])],
  ])('refuses %s', (_name, datagram) => {
    expect(parseRtpPacket(datagram)).toBeUndefined();
  });

  it('extends 16-bit sequence numbers across the wrap, a late packet before it read as before', () => {
    const extend = new WrapExtender(0x10000);
    expect([65534, 65535, 0, 65533, 1, 2].map((n) => extend.extend(n))).toEqual([65534, 65535, 65536, 65533, 65537, 65538]);
  });

  it('extends 32-bit timestamps across the wrap', () => {
    const extend = new WrapExtender(2 ** 32);
    expect([2 ** 32 - 160, 0, 160].map((n) => extend.extend(n))).toEqual([2 ** 32 - 160, 2 ** 32, 2 ** 32 + 160]);
  });
});
