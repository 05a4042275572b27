import { alaw, mulaw } from 'alawmulaw';
import { alawToMulaw, decodeAlaw, decodeMulaw, encodeAlaw, encodeMulaw, mulawToAlaw } from './g711.codec';

const ALL_CODES = Uint8Array.from({ length: 256 }, (_, code) => code);
const ALL_SAMPLES = Int16Array.from({ length: 65536 }, (_, i) => i - 32768);

describe('G.711 µ-law', () => {
  it('decodes the ITU-T G.711 reference code words', () => {
    // Code words are transmitted inverted: 0xFF and 0x7F are ±0, 0x00 / 0x80 the extremes.
    const decoded = decodeMulaw(Uint8Array.from([0xff, 0x7f, 0x00, 0x80, 0xfe, 0x7e, 0xef, 0x6f, 0x8f, 0x0f]));
    expect(Array.from(decoded)).toEqual([0, 0, -32124, 32124, 8, -8, 132, -132, 16764, -16764]);
  });

  it('encodes silence, the smallest steps and the clipping points to the ITU code words', () => {
    const encoded = encodeMulaw(Int16Array.from([0, -1, 8, -8, 32124, -32124, 32767, -32768]));
    expect(Array.from(encoded)).toEqual([0xff, 0x7f, 0xfe, 0x7e, 0x80, 0x00, 0x80, 0x00]);
  });

  it('re-encodes every decoded code word to itself (except the duplicate zero 0x7F)', () => {
    const roundTrip = encodeMulaw(decodeMulaw(ALL_CODES));
    const expected = Array.from(ALL_CODES, (code) => (code === 0x7f ? 0xff : code));
    expect(Array.from(roundTrip)).toEqual(expected);
  });

  it('matches alawmulaw sample by sample over the whole 16-bit range', () => {
    expect(Array.from(encodeMulaw(ALL_SAMPLES))).toEqual(Array.from(ALL_SAMPLES, (s) => mulaw.encodeSample(s) & 0xff));
    expect(Array.from(decodeMulaw(ALL_CODES))).toEqual(Array.from(ALL_CODES, (c) => mulaw.decodeSample(c) + 0));
  });

  it('keeps the quantisation error within half a step of the segment: at most max(8, |x| / 16)', () => {
    const decoded = decodeMulaw(encodeMulaw(ALL_SAMPLES));
    for (let i = 0; i < ALL_SAMPLES.length; i += 1) {
      const original = Math.max(-32124, Math.min(32124, ALL_SAMPLES[i]));
      const error = Math.abs(decoded[i] - original);
      expect(error).toBeLessThanOrEqual(Math.max(8, Math.abs(original) / 16));
    }
  });
});

describe('G.711 A-law', () => {
  it('decodes the ITU-T G.711 reference code words (even bits inverted, 0xD5/0x55 are ±8)', () => {
    const decoded = decodeAlaw(Uint8Array.from([0xd5, 0x55, 0xaa, 0x2a, 0xd4, 0x54]));
    expect(Array.from(decoded)).toEqual([8, -8, 32256, -32256, 24, -24]);
  });

  it('encodes silence and the extremes to the ITU code words', () => {
    expect(Array.from(encodeAlaw(Int16Array.from([0, -1, 32767, -32768])))).toEqual([0xd5, 0x55, 0xaa, 0x2a]);
  });

  it('re-encodes every decoded code word to itself and matches alawmulaw over the 16-bit range', () => {
    expect(Array.from(encodeAlaw(decodeAlaw(ALL_CODES)))).toEqual(Array.from(ALL_CODES));
    expect(Array.from(encodeAlaw(ALL_SAMPLES))).toEqual(Array.from(ALL_SAMPLES, (s) => alaw.encodeSample(s) & 0xff));
  });

  it('decodes monotonically: a larger code magnitude is a louder sample', () => {
    const positive = Array.from({ length: 128 }, (_, magnitude) => decodeAlaw(Uint8Array.of((magnitude | 0x80) ^ 0x55))[0]);
    for (let i = 1; i < positive.length; i += 1) expect(positive[i]).toBeGreaterThan(positive[i - 1]);
  });
});

describe('A-law ↔ µ-law transcoding', () => {
  it('gives the code word of the other law for the same linear sample, both ways', () => {
    expect(Array.from(alawToMulaw(ALL_CODES))).toEqual(Array.from(encodeMulaw(decodeAlaw(ALL_CODES))));
    expect(Array.from(mulawToAlaw(ALL_CODES))).toEqual(Array.from(encodeAlaw(decodeMulaw(ALL_CODES))));
  });

  it('maps A-law’s quietest words (±8) to µ-law’s ±8 and keeps a tone within one quantisation step', () => {
    expect(Array.from(alawToMulaw(Uint8Array.of(0xd5, 0x55)))).toEqual([0xfe, 0x7e]);
    expect(Array.from(decodeMulaw(Uint8Array.of(0xfe, 0x7e)))).toEqual([8, -8]);
    const tone = Int16Array.from({ length: 160 }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 8000)));
    const roundTrip = decodeMulaw(alawToMulaw(encodeAlaw(tone)));
    for (let i = 0; i < tone.length; i += 1) expect(Math.abs(roundTrip[i] - tone[i])).toBeLessThanOrEqual(Math.max(16, Math.abs(tone[i]) / 12));
  });
});
