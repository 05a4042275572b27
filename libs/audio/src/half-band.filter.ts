/**
 * The low-pass filter behind the 2:1 resamplers: a Kaiser-windowed sinc half-band filter (cut-off
 * at a quarter of the high rate, i.e. 4 kHz between 8 and 16 kHz). A half-band filter's even taps
 * are zero except the centre one (0.5), so in polyphase form one phase is a pure delay and the
 * other is a short symmetric FIR: half the multiplies of a general filter of the same quality.
 *
 * Design (docs/decisions/0030-audio-resampling.md): 32 non-zero odd taps (63-tap prototype),
 * Kaiser β = 7. Measured: flat within ±0.003 dB up to 3.4 kHz (the telephone band), at least
 * 70 dB down from 4.6 kHz, far below µ-law's own quantisation noise (~38 dB SNR).
 */

/** Non-zero odd taps on each side of the centre: the FIR phase has `2 * HALF_BAND_SIDE_TAPS` taps. */
export const HALF_BAND_SIDE_TAPS = 16;

/** Kaiser window shape: 7 gives ≥ 70 dB of stop band with the 3.4–4.6 kHz transition at 63 taps. */
export const HALF_BAND_KAISER_BETA = 7;

/** Modified Bessel function of the first kind, order 0 (power series; converges fast for β ≤ 20): the Kaiser window's kernel. */
export function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const quarterSquare = (x * x) / 4;
  for (let k = 1; k < 50; k += 1) {
    term *= quarterSquare / (k * k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/**
 * The odd-phase coefficients `c[k]`, k = 0 … 2K-1, of the half-band prototype h(d) scaled for
 * interpolation (sum of c = 1, so a DC input comes out at the same level). `c[k]` multiplies the
 * input sample K-1-k steps before the centre, i.e. c is symmetric: c[k] = c[2K-1-k].
 * For decimation use c / 2 (the prototype's own odd taps) together with the 0.5 centre tap.
 */
export function designHalfBandOddPhase(sideTaps = HALF_BAND_SIDE_TAPS, beta = HALF_BAND_KAISER_BETA): Float64Array {
  const halfLength = 2 * sideTaps - 1; // prototype spans d = -halfLength … +halfLength
  const coefficients = new Float64Array(2 * sideTaps);
  const windowNorm = besselI0(beta);
  let sum = 0;
  for (let k = 0; k < 2 * sideTaps; k += 1) {
    const d = 2 * sideTaps - 1 - 2 * k; // odd offsets from +(2K-1) down to -(2K-1)
    const sinc = Math.sin((Math.PI * d) / 2) / ((Math.PI * d) / 2);
    const ratio = d / (halfLength + 1);
    const window = besselI0(beta * Math.sqrt(Math.max(0, 1 - ratio * ratio))) / windowNorm;
    coefficients[k] = 0.5 * sinc * window;
    sum += coefficients[k];
  }
  // Normalise so the odd phase alone has unity DC gain (the even phase is the centre tap, 0.5·2 = 1).
  for (let k = 0; k < coefficients.length; k += 1) coefficients[k] /= sum;
  return coefficients;
}
