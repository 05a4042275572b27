import { JitterBuffer, type ReceivedPacket } from './jitter-buffer';
import { MulawFramer } from './mulaw-framer';
import { MULAW_SILENCE } from './telephone-frame';

/** A 20 ms packet whose bytes all say which packet it is (its index modulo 200). */
const packet = (index: number, firstSequence = 100, firstTimestamp = 16_000): ReceivedPacket => ({
  sequenceNumber: (firstSequence + index) & 0xffff,
  timestamp: (firstTimestamp + index * 160) >>> 0,
  payload: new Uint8Array(160).fill(index % 200),
});

function buffered(options?: ConstructorParameters<typeof JitterBuffer>[1]) {
  const chunks: Uint8Array[] = [];
  const buffer = new JitterBuffer((audio) => chunks.push(audio), options);
  /** What came out, one label per 160 bytes: the packet index, or 'S' for silence. */
  const labels = () => {
    const frames: (number | 'S')[] = [];
    new MulawFramer((frame) => frames.push(frame[0] === MULAW_SILENCE ? 'S' : frame[0])).write(Buffer.concat(chunks));
    return frames;
  };
  return { buffer, labels };
}

describe('JitterBuffer', () => {
  it('passes packets that arrive in order straight through, with nothing waiting', () => {
    const { buffer, labels } = buffered();
    for (let i = 0; i < 5; i += 1) buffer.push(packet(i), i * 20);
    expect(labels()).toEqual([0, 1, 2, 3, 4]);
    expect(buffer.deadline()).toBeUndefined();
    expect(buffer.counters).toEqual({ received: 5, lost: 0, late: 0, reordered: 0 });
  });

  it('puts packets that arrive out of order back in order without losing any', () => {
    const { buffer, labels } = buffered();
    for (const [at, i] of [0, 2, 1, 3, 5, 4].entries()) buffer.push(packet(i), at * 20);
    expect(labels()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(buffer.counters).toMatchObject({ lost: 0, reordered: 2 });
  });

  it('waits for a missing packet until its deadline, then plays silence for it and goes on', () => {
    const { buffer, labels } = buffered();
    buffer.push(packet(0), 0);
    buffer.push(packet(2), 40);
    buffer.push(packet(3), 60);
    expect(labels()).toEqual([0]);
    expect(buffer.deadline()).toBe(80);
    buffer.expire(79);
    expect(labels()).toEqual([0]);
    buffer.expire(80);
    expect(labels()).toEqual([0, 'S', 2, 3]);
    expect(buffer.counters).toMatchObject({ lost: 1, late: 0 });
    buffer.push(packet(1), 90);
    expect(buffer.counters.late).toBe(1);
    expect(labels()).toEqual([0, 'S', 2, 3]);
  });

  it('fills a burst of losses with as much silence as the timestamps say, when too many packets wait', () => {
    const { buffer, labels } = buffered({ reorderWindowMs: 1000, maxWaiting: 2, maxFillSamples: 8000 });
    buffer.push(packet(0), 0);
    buffer.push(packet(4), 80);
    buffer.push(packet(5), 100);
    expect(labels()).toEqual([0]);
    buffer.push(packet(6), 120);
    expect(labels()).toEqual([0, 'S', 'S', 'S', 4, 5, 6]);
    expect(buffer.counters.lost).toBe(3);
  });

  it('drops duplicates', () => {
    const { buffer, labels } = buffered();
    buffer.push(packet(0), 0);
    buffer.push(packet(1), 20);
    buffer.push(packet(1), 21);
    buffer.push(packet(3), 60);
    buffer.push(packet(3), 61);
    buffer.push(packet(2), 62);
    expect(labels()).toEqual([0, 1, 2, 3]);
    expect(buffer.counters).toMatchObject({ late: 2, lost: 0 });
  });

  it('carries on across the sequence number wrap at 65535, reordered and with a loss', () => {
    const { buffer, labels } = buffered();
    const first = 65533;
    const order = [0, 1, 3, 2, 4, 6, 7];
    for (const [at, i] of order.entries()) buffer.push(packet(i, first), at * 20);
    buffer.expire(1000);
    expect(order.map((i) => packet(i, first).sequenceNumber)).toEqual([65533, 65534, 0, 65535, 1, 3, 4]);
    expect(labels()).toEqual([0, 1, 2, 3, 4, 'S', 6, 7]);
    expect(buffer.counters).toMatchObject({ lost: 1, late: 0 });
  });

  it('carries on across the timestamp wrap at 2^32, filling a loss there with the right length of silence', () => {
    const { buffer, labels } = buffered();
    const firstTimestamp = 0xffffffff - 300;
    buffer.push(packet(0, 7, firstTimestamp), 0);
    buffer.push(packet(1, 7, firstTimestamp), 20);
    buffer.push(packet(3, 7, firstTimestamp), 60);
    buffer.expire(200);
    expect(packet(3, 7, firstTimestamp).timestamp).toBeLessThan(packet(1, 7, firstTimestamp).timestamp);
    expect(labels()).toEqual([0, 1, 'S', 3]);
  });

  it('makes up no silence for a stream that restarted far ahead', () => {
    const { buffer, labels } = buffered({ reorderWindowMs: 40, maxWaiting: 5, maxFillSamples: 8000 });
    buffer.push(packet(0), 0);
    buffer.push(packet(500), 20);
    buffer.expire(100);
    expect(labels()).toEqual([0, 500 % 200]);
  });
});
