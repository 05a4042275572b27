import { resampleAnyRate } from './any-rate.resampler';
import { decodeMulaw } from './g711.codec';
import { bandEnergyDb, tone, toneAmplitude } from './spectrum.spec-helper';
import { toTelephoneMulaw, toTelephonePcm } from './telephone-audio';

describe('telephone audio', () => {
  it('resamples espeak-ng’s 22,050 Hz to 8 kHz keeping a 1 kHz tone’s pitch and level', () => {
    const out = resampleAnyRate(tone(1000, 22050, 22050, 10000), 22050, 8000);
    expect(out.length).toBe(8000);
    expect(Math.abs(20 * Math.log10(toneAmplitude(out.subarray(800, 4800), 1000, 8000) / 10000))).toBeLessThan(0.1);
  });

  it('filters what 8 kHz cannot carry instead of aliasing it (a 6 kHz tone at 22,050 Hz)', () => {
    const out = resampleAnyRate(tone(6000, 22050, 22050, 20000), 22050, 8000);
    expect(20 * Math.log10(toneAmplitude(out.subarray(800, 4800), 2000, 8000) / 20000)).toBeLessThan(-50);
  });

  it('turns 16 kHz stereo into aligned 8 kHz mono µ-law', () => {
    const left = tone(1000, 16000, 16000, 8000);
    const stereo = Int16Array.from({ length: 32000 }, (_, i) => left[i >> 1]);
    const pcm = toTelephonePcm({ sampleRate: 16000, channels: 2, samples: stereo });
    expect(pcm.length).toBe(8000);
    const reference = tone(1000, 8000, 8000, 8000);
    for (let n = 400; n < 7600; n += 101) expect(Math.abs(pcm[n] - reference[n])).toBeLessThan(20);
    const mulaw = toTelephoneMulaw({ sampleRate: 16000, channels: 2, samples: stereo });
    expect(mulaw.length).toBe(8000);
    expect(bandEnergyDb(decodeMulaw(mulaw).subarray(800, 2400), 8000, 1100)).toBeLessThan(-25);
  });

  it('refuses a nonsensical sample rate', () => {
    expect(() => resampleAnyRate(new Int16Array(10), 0, 8000)).toThrow(RangeError);
  });
});
