import { JitterBuffer, type ReleasedAudio } from './jitter-buffer';

const frame = (fill: number) => Buffer.alloc(160, fill);
const fills = (released: ReleasedAudio[]) => released.map((audio) => (audio.concealed ? `silence ${audio.payload.length}` : audio.payload[0]));

describe('jitter buffer', () => {
  let buffer: JitterBuffer;
  beforeEach(() => {
    buffer = new JitterBuffer({ silenceByte: 0xd5, depthPackets: 3, maxWaitMs: 60 });
  });
  const push = (seq: number, fill: number, now = 0) => fills(buffer.push(seq & 0xffff, (seq * 160) >>> 0, frame(fill), now));

  it('releases packets in order at once', () => {
    expect([push(10, 1), push(11, 2), push(12, 3)]).toEqual([[1], [2], [3]]);
  });

  it('puts reordered packets back in order', () => {
    expect(push(10, 1)).toEqual([1]);
    expect(push(12, 3)).toEqual([]);
    expect(push(11, 2)).toEqual([2, 3]);
    expect(buffer).toMatchObject({ lost: 0, reordered: 1 });
  });

  it('gives a lost packet up when the buffer is full, with silence as long as it was', () => {
    push(10, 1);
    expect([push(12, 3), push(13, 4), push(14, 5)]).toEqual([[], [], []]);
    expect(push(15, 6)).toEqual(['silence 160', 3, 4, 5, 6]);
    expect(buffer.lost).toBe(1);
    expect(push(11, 2)).toEqual([]); // too late now
    expect(buffer.dropped).toBe(1);
  });

  it('gives a gap up after maxWaitMs when nothing more comes', () => {
    push(10, 1, 0);
    expect(push(13, 4, 10)).toEqual([]);
    expect(fills(buffer.flush(50))).toEqual([]);
    expect(fills(buffer.flush(70))).toEqual(['silence 320', 4]);
    expect(buffer.lost).toBe(2);
  });

  it('drops duplicates', () => {
    push(10, 1);
    expect(push(10, 1)).toEqual([]);
    expect(buffer.dropped).toBe(1);
  });

  it('keeps going across the 16-bit sequence and 32-bit timestamp wrap', () => {
    expect([push(65534, 1), push(65535, 2), push(65536, 3), push(65538, 5), push(65537, 4)]).toEqual([[1], [2], [3], [], [4, 5]]);
    expect(buffer).toMatchObject({ lost: 0 });
  });

  it('restarts on a jump of thousands of packets (a new stream) without waiting or filling', () => {
    push(10, 1);
    expect(push(30_000, 9)).toEqual([9]);
    expect(push(30_001, 10)).toEqual([10]);
  });

  it('conceals at most a second: a longer silence (suppression, hold) is a pause, not a loss to fill', () => {
    push(10, 1, 0);
    buffer.push(11 + 100, (11 + 100) * 160, frame(7), 1);
    const released = buffer.flush(100);
    expect(fills(released)).toEqual([7]);
  });

  it('lets packets without audio (keypad events) hold their sequence numbers: no loss, no silence', () => {
    push(10, 1);
    expect(fills(buffer.push(11, 11 * 160, Buffer.alloc(0), 0))).toEqual([]);
    expect(fills(buffer.push(12, 12 * 160, Buffer.alloc(0), 0))).toEqual([]);
    expect(push(13, 4)).toEqual([4]);
    expect(buffer.lost).toBe(0);
  });
});
