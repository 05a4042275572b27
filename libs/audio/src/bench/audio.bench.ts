import { decodeMulaw, encodeMulaw } from '../g711.codec';
import { designHalfBandOddPhase } from '../half-band.filter';
import { Downsampler16kTo8k, Upsampler8kTo16k } from '../half-band.resampler';

/**
 * `node tools/build.mjs && node dist/libs/audio/src/bench/audio.bench.js`: the per-frame cost of
 * the call path (µ-law decode, 8→16 kHz, 16→8 kHz, µ-law encode) and the filter's measured
 * response, for docs/decisions/0030-audio-resampling.md.
 */

function nsPerFrame(label: string, frames: number, work: (i: number) => void): string {
  for (let i = 0; i < 2000; i += 1) work(i); // warm up the JIT
  const start = process.hrtime.bigint();
  for (let i = 0; i < frames; i += 1) work(i);
  const ns = Number(process.hrtime.bigint() - start) / frames;
  return `${label.padEnd(34)} ${(ns / 1000).toFixed(2).padStart(7)} µs/frame  ${(ns * 50 / 1e6).toFixed(3).padStart(6)} ms CPU per call-second  ${Math.floor(1e9 / (ns * 50))} calls/core`;
}

/** Frequency response of the interpolation filter (both phases) in dB at `hz` (16 kHz output). */
function responseDb(taps: Float64Array, hz: number): number {
  // Full prototype: centre 1 (×2 gain folded in), odd taps c[k] at offsets ±(2K-1-2k).
  const half = taps.length;
  let re = 1;
  let im = 0;
  for (let k = 0; k < half; k += 1) {
    const d = half - 1 - 2 * k;
    const w = (2 * Math.PI * hz * d) / 16000;
    re += taps[k] * Math.cos(w);
    im -= taps[k] * Math.sin(w);
  }
  return 20 * Math.log10(Math.hypot(re, im) / 2); // the interpolator's gain of 2 normalised away
}

/** Pass-band ripple (0–3.4 kHz), worst stop-band level (≥ 4.6 kHz) and the 4 kHz point, in dB. */
function measure(taps: Float64Array): { ripple: number; stop: number; at4k: number } {
  let ripple = 0;
  for (let hz = 0; hz <= 3400; hz += 10) ripple = Math.max(ripple, Math.abs(responseDb(taps, hz)));
  let stop = -Infinity;
  for (let hz = 4600; hz <= 8000; hz += 5) stop = Math.max(stop, responseDb(taps, hz));
  return { ripple, stop, at4k: responseDb(taps, 4000) };
}

for (const [sideTaps, beta] of [[8, 4], [12, 5], [16, 5.65], [16, 7], [24, 7], [32, 8]] as const) {
  const { ripple, stop, at4k } = measure(designHalfBandOddPhase(sideTaps, beta));
  process.stdout.write(
    `half-band K=${String(sideTaps).padStart(2)} β=${beta.toFixed(2)}: ${2 * sideTaps} odd-phase taps (${4 * sideTaps - 1}-tap prototype); ` +
      `0–3.4 kHz within ±${ripple.toFixed(4)} dB; ≥ 4.6 kHz at most ${stop.toFixed(1)} dB; 4 kHz ${at4k.toFixed(2)} dB\n`,
  );
}
const current = measure(designHalfBandOddPhase());
process.stdout.write(`in use: ±${current.ripple.toFixed(4)} dB pass band, ${current.stop.toFixed(1)} dB stop band\n`);

const frames = 100_000;
const mulawFrame = Uint8Array.from({ length: 160 }, (_, i) => (i * 37) & 0xff);
const pcm8 = decodeMulaw(mulawFrame);
const pcm16 = Int16Array.from({ length: 320 }, (_, i) => Math.round(8000 * Math.sin(i / 7)));
const up = new Upsampler8kTo16k();
const down = new Downsampler16kTo8k();
const lines = [
  nsPerFrame('decodeMulaw (160 bytes)', frames, () => decodeMulaw(mulawFrame)),
  nsPerFrame('encodeMulaw (160 samples)', frames, () => encodeMulaw(pcm8)),
  nsPerFrame('Upsampler8kTo16k.process (160→320)', frames, () => up.process(pcm8)),
  nsPerFrame('Downsampler16kTo8k.process (320→160)', frames, () => down.process(pcm16)),
  nsPerFrame('decode + upsample (speech path)', frames, () => up.process(decodeMulaw(mulawFrame))),
];
process.stdout.write(`${lines.join('\n')}\n`);
