import { besselI0, HALF_BAND_KAISER_BETA } from './half-band.filter';

/**
 * Math's functions held in module scope: inside a `vm` context (jest's test environment) every
 * lookup of the global `Math` goes through the context's interceptor, which made this loop ~35×
 * slower there (1.4 s instead of 40 ms for 3 s of espeak-ng speech) and stalled the event loop of
 * the services tests run in the same process.
 */
const { PI, abs, ceil, floor, max, min, round, sin } = Math;

/** Zero crossings of the sinc kept on each side of the interpolation point. */
const ZERO_CROSSINGS = 16;
/** Cut-off as a fraction of the lower Nyquist frequency: 0.9 leaves room for the transition band. */
const CUTOFF_FRACTION = 0.9;

/** Kaiser window sampled on |t| / (halfWidth + 1) ∈ [0, 1]; linear interpolation between points. */
const WINDOW_POINTS = 2048;
const KAISER_TABLE = (() => {
  const table = new Float64Array(WINDOW_POINTS + 2);
  const norm = besselI0(HALF_BAND_KAISER_BETA);
  for (let j = 0; j <= WINDOW_POINTS; j += 1) {
    const ratio = j / WINDOW_POINTS;
    table[j] = besselI0(HALF_BAND_KAISER_BETA * Math.sqrt(Math.max(0, 1 - ratio * ratio))) / norm;
  }
  return table;
})();

function kaiserWindow(ratio: number): number {
  const position = abs(ratio) * WINDOW_POINTS;
  const index = floor(position);
  const fraction = position - index;
  return KAISER_TABLE[index] + fraction * (KAISER_TABLE[index + 1] - KAISER_TABLE[index]);
}

/**
 * Whole-buffer conversion between any two sample rates (espeak-ng speaks at 22,050 Hz, a WAV file
 * may be 44.1 kHz) by band-limited windowed-sinc interpolation: each output sample is the
 * Kaiser-windowed sinc sum of the inputs around its exact position, the sinc's cut-off just below
 * the lower rate's Nyquist frequency so nothing aliases. Not streaming and ~O(32 · from/to) per
 * output sample: for files and tools; the per-frame call path uses the half-band resamplers.
 */
export function resampleAnyRate(samples: Int16Array, fromRate: number, toRate: number): Int16Array {
  if (!Number.isFinite(fromRate) || !Number.isFinite(toRate) || fromRate <= 0 || toRate <= 0) {
    throw new RangeError(`sample rates must be positive, got ${fromRate} → ${toRate}`);
  }
  if (fromRate === toRate) return samples.slice();
  const outputLength = floor((samples.length * toRate) / fromRate);
  const out = new Int16Array(outputLength);
  const cutoff = (CUTOFF_FRACTION * min(fromRate, toRate)) / 2; // Hz
  const cyclesPerInputSample = cutoff / fromRate;
  const halfWidth = ceil(ZERO_CROSSINGS / (2 * cyclesPerInputSample)); // input samples each side
  const gain = 2 * cyclesPerInputSample;
  for (let m = 0; m < outputLength; m += 1) {
    const position = (m * fromRate) / toRate;
    const first = max(0, ceil(position - halfWidth));
    const last = min(samples.length - 1, floor(position + halfWidth));
    let acc = 0;
    for (let i = first; i <= last; i += 1) {
      const t = i - position;
      const argument = 2 * PI * cyclesPerInputSample * t;
      const sinc = t === 0 ? 1 : sin(argument) / argument;
      acc += samples[i] * gain * sinc * kaiserWindow(t / (halfWidth + 1));
    }
    const rounded = round(acc);
    out[m] = rounded > 32767 ? 32767 : rounded < -32768 ? -32768 : rounded;
  }
  return out;
}
