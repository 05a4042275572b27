import { FrameSplitter, samplesPerFrame } from './frame.splitter';

describe('FrameSplitter', () => {
  it('cuts a long chunk into 160-byte µ-law frames and keeps the rest for later', () => {
    const splitter = FrameSplitter.mulaw8k();
    const bytes = Uint8Array.from({ length: 400 }, (_, i) => i & 0xff);
    const frames = splitter.push(bytes);
    expect(frames.map((f) => f.length)).toEqual([160, 160]);
    expect(frames[1][0]).toBe(160);
    expect(splitter.pendingLength).toBe(80);
    const last = splitter.flush(0xff);
    expect(last?.length).toBe(160);
    expect(last?.[79]).toBe(399 & 0xff);
    expect(last?.[80]).toBe(0xff);
    expect(splitter.flush(0xff)).toBeUndefined();
  });

  it('accumulates small chunks into whole frames, in order, across pushes', () => {
    const splitter = FrameSplitter.pcm16(16000);
    expect(splitter.frameLength).toBe(320);
    const collected: Int16Array[] = [];
    for (let start = 0; start < 1000; start += 7) {
      collected.push(...splitter.push(Int16Array.from({ length: Math.min(7, 1000 - start) }, (_, i) => start + i)));
    }
    expect(collected).toHaveLength(3);
    expect(Array.from(collected[2].subarray(0, 3))).toEqual([640, 641, 642]);
    expect(collected.flatMap((frame) => Array.from(frame))).toEqual(Array.from({ length: 960 }, (_, i) => i));
  });

  it('hands out frames the caller can keep (no buffer reuse)', () => {
    const splitter = FrameSplitter.mulaw8k();
    const [first] = splitter.push(new Uint8Array(160).fill(1));
    splitter.push(new Uint8Array(160).fill(2));
    expect(first.every((b) => b === 1)).toBe(true);
  });

  it('knows the frame sizes of 20 ms and refuses a rate that has none', () => {
    expect(samplesPerFrame(8000)).toBe(160);
    expect(samplesPerFrame(16000)).toBe(320);
    expect(() => samplesPerFrame(11025)).toThrow(RangeError);
    expect(() => new FrameSplitter(0, (n) => new Uint8Array(n))).toThrow(RangeError);
  });
});
