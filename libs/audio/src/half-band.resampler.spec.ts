import { Downsampler16kTo8k, Upsampler8kTo16k } from './half-band.resampler';
import { designHalfBandOddPhase } from './half-band.filter';
import { bandEnergyDb, concat, mix, noise, peakFrequency, tone, toneAmplitude } from './spectrum.spec-helper';

const UP_LATENCY = Upsampler8kTo16k.latencySamples;
const DOWN_LATENCY = Downsampler16kTo8k.latencySamples;

function upsampleInFrames(input: Int16Array, frameLength: number | number[]): Int16Array {
  const upsampler = new Upsampler8kTo16k();
  const sizes = Array.isArray(frameLength) ? frameLength : [frameLength];
  const parts: Int16Array[] = [];
  let offset = 0;
  for (let i = 0; offset < input.length; i += 1) {
    const size = sizes[i % sizes.length];
    const frame = input.subarray(offset, offset + size);
    const out = upsampler.process(frame);
    expect(out.length).toBe(2 * frame.length);
    parts.push(out);
    offset += size;
  }
  parts.push(upsampler.flush());
  return concat(parts);
}

/** Output aligned with the input (filter delay removed), one sample per input half-sample. */
function upsampleAligned(input: Int16Array): Int16Array {
  return upsampleInFrames(input, 160).subarray(UP_LATENCY, UP_LATENCY + 2 * input.length);
}

function downsampleInFrames(input: Int16Array, frameLength: number | number[]): Int16Array {
  const downsampler = new Downsampler16kTo8k();
  const sizes = Array.isArray(frameLength) ? frameLength : [frameLength];
  const parts: Int16Array[] = [];
  let offset = 0;
  for (let i = 0; offset < input.length; i += 1) {
    parts.push(downsampler.process(input.subarray(offset, offset + sizes[i % sizes.length])));
    offset += sizes[i % sizes.length];
  }
  parts.push(downsampler.flush());
  return concat(parts);
}

describe('half-band filter design', () => {
  it('has unity DC gain and symmetric taps', () => {
    const taps = designHalfBandOddPhase();
    expect(taps.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    for (let k = 0; k < taps.length; k += 1) expect(taps[k]).toBeCloseTo(taps[taps.length - 1 - k], 15);
  });
});

describe('Upsampler8kTo16k', () => {
  it('keeps a 1 kHz tone at 1 kHz with its amplitude (within 0.1 dB)', () => {
    const input = tone(1000, 8000, 8000, 10000);
    const output = upsampleAligned(input);
    const steady = output.subarray(1600, 1600 + 16000 / 2); // 0.5 s, whole periods
    expect(peakFrequency(steady.subarray(0, 1600), 16000)).toBe(1000);
    expect(Math.abs(20 * Math.log10(toneAmplitude(steady, 1000, 16000) / 10000))).toBeLessThan(0.1);
  });

  it('passes the telephone band flat: 300 Hz to 3.4 kHz within 0.1 dB', () => {
    for (const frequency of [300, 1000, 2000, 3000, 3400]) {
      const output = upsampleAligned(tone(frequency, 8000, 4000, 8000));
      const amplitude = toneAmplitude(output.subarray(1600, 1600 + 3200), frequency, 16000);
      expect(Math.abs(20 * Math.log10(amplitude / 8000))).toBeLessThan(0.1);
    }
  });

  it('attenuates the images above 4 kHz by at least 40 dB (sample repetition does not)', () => {
    const input = mix(...[300, 700, 1000, 1800, 2500, 3000, 3400].map((f, i) => tone(f, 8000, 4000, 4000, i)));
    const output = upsampleAligned(input).subarray(1600, 1600 + 3200);
    const imagesDb = bandEnergyDb(output, 16000, 4000);
    expect(imagesDb).toBeLessThan(-40);
    const repeated = Int16Array.from({ length: 3200 }, (_, m) => input[800 + (m >> 1)]);
    expect(bandEnergyDb(repeated, 16000, 4000)).toBeGreaterThan(-20);
  });

  it('gives the same samples streamed frame by frame, in odd chunk sizes, or in one go', () => {
    const input = noise(8000, 12000);
    const oneShot = upsampleInFrames(input, input.length);
    expect(oneShot.length).toBe(2 * input.length + UP_LATENCY);
    expect(Array.from(upsampleInFrames(input, 160))).toEqual(Array.from(oneShot));
    expect(Array.from(upsampleInFrames(input, [1, 7, 160, 333, 2, 80]))).toEqual(Array.from(oneShot));
  });

  it('crosses frame boundaries without a click: a tone stays smooth at every 160-sample seam', () => {
    const output = upsampleAligned(tone(440, 8000, 1600, 20000));
    // Largest step of a 440 Hz sine of amplitude 20000 at 16 kHz: 2π·440/16000·20000 ≈ 3456.
    let largestStep = 0;
    for (let m = 40; m < output.length - 40; m += 1) largestStep = Math.max(largestStep, Math.abs(output[m] - output[m - 1]));
    expect(largestStep).toBeLessThan(3500);
  });

  it('clips instead of wrapping around on full-scale input', () => {
    const square = Int16Array.from({ length: 800 }, (_, n) => (Math.floor(n / 4) % 2 === 0 ? 32767 : -32768));
    const output = upsampleAligned(square);
    expect(Math.max(...output)).toBe(32767);
    expect(Math.min(...output)).toBe(-32768);
    expect(output[400]).toBe(square[200]);
  });

  it('resets to silence after flush, so the instance can take another stream', () => {
    const upsampler = new Upsampler8kTo16k();
    upsampler.process(noise(160, 10000));
    upsampler.flush();
    expect(Array.from(upsampler.process(new Int16Array(160)))).toEqual(Array.from(new Int16Array(320)));
  });
});

describe('Downsampler16kTo8k', () => {
  it('keeps a 1 kHz tone at 1 kHz with its amplitude, delay removed', () => {
    const input = tone(1000, 16000, 16000, 10000);
    const output = downsampleInFrames(input, 320).subarray(DOWN_LATENCY, DOWN_LATENCY + 8000);
    expect(output.length).toBe(8000);
    expect(Math.abs(20 * Math.log10(toneAmplitude(output.subarray(800, 4800), 1000, 8000) / 10000))).toBeLessThan(0.1);
    const reference = tone(1000, 8000, 8000, 10000);
    for (let n = 800; n < 7200; n += 97) expect(Math.abs(output[n] - reference[n])).toBeLessThan(20);
  });

  it('suppresses what would alias: a 6 kHz tone comes out at least 60 dB down', () => {
    const output = downsampleInFrames(tone(6000, 16000, 16000, 20000), 320).subarray(800, 4800);
    expect(20 * Math.log10(toneAmplitude(output, 2000, 8000) / 20000)).toBeLessThan(-60);
  });

  it('gives the same samples streamed in 20 ms frames, odd chunks, or in one go', () => {
    const input = noise(16001, 12000, 99);
    const oneShot = downsampleInFrames(input, input.length);
    expect(oneShot.length).toBe(Math.ceil(input.length / 2) + DOWN_LATENCY);
    expect(Array.from(downsampleInFrames(input, 320))).toEqual(Array.from(oneShot));
    expect(Array.from(downsampleInFrames(input, [3, 1, 320, 17, 2]))).toEqual(Array.from(oneShot));
  });

  it('undoes the upsampler on telephone-band audio (up then down is the identity within 1 LSB·few)', () => {
    const input = mix(tone(500, 8000, 4000, 6000), tone(2200, 8000, 4000, 6000, 1));
    const roundTrip = downsampleInFrames(upsampleAligned(input), 320).subarray(DOWN_LATENCY, DOWN_LATENCY + 4000);
    for (let n = 200; n < 3800; n += 1) expect(Math.abs(roundTrip[n] - input[n])).toBeLessThanOrEqual(8);
  });
});
