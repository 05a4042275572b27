/** Test helpers: signal generation and a plain DFT, enough to measure tones and bands. */

export function tone(frequencyHz: number, sampleRate: number, length: number, amplitude: number, phase = 0): Int16Array {
  return Int16Array.from({ length }, (_, n) => Math.round(amplitude * Math.sin((2 * Math.PI * frequencyHz * n) / sampleRate + phase)));
}

export function mix(...signals: Int16Array[]): Int16Array {
  return Int16Array.from({ length: signals[0].length }, (_, n) => signals.reduce((sum, s) => sum + s[n], 0));
}

/** Power per DFT bin (bin k = k · sampleRate / N Hz) of a rectangular-windowed block. */
export function powerSpectrum(samples: ArrayLike<number>): Float64Array {
  const n = samples.length;
  const cos = Float64Array.from({ length: n }, (_, j) => Math.cos((2 * Math.PI * j) / n));
  const sin = Float64Array.from({ length: n }, (_, j) => Math.sin((2 * Math.PI * j) / n));
  const power = new Float64Array(Math.floor(n / 2) + 1);
  for (let k = 0; k < power.length; k += 1) {
    let re = 0;
    let im = 0;
    let j = 0;
    for (let t = 0; t < n; t += 1) {
      re += samples[t] * cos[j];
      im -= samples[t] * sin[j];
      j += k;
      if (j >= n) j -= n;
    }
    power[k] = (re * re + im * im) / (n * n);
  }
  return power;
}

/** Amplitude of the sinusoid at `frequencyHz` in a block whose length holds whole periods of it. */
export function toneAmplitude(samples: ArrayLike<number>, frequencyHz: number, sampleRate: number): number {
  let re = 0;
  let im = 0;
  for (let t = 0; t < samples.length; t += 1) {
    const angle = (2 * Math.PI * frequencyHz * t) / sampleRate;
    re += samples[t] * Math.cos(angle);
    im -= samples[t] * Math.sin(angle);
  }
  return (2 * Math.hypot(re, im)) / samples.length;
}

/** Energy of the bins at or above `fromHz` relative to all bins, in dB. */
export function bandEnergyDb(samples: ArrayLike<number>, sampleRate: number, fromHz: number): number {
  const power = powerSpectrum(samples);
  const binHz = sampleRate / samples.length;
  let band = 0;
  let total = 0;
  power.forEach((p, k) => {
    total += p;
    if (k * binHz >= fromHz) band += p;
  });
  return 10 * Math.log10(band / total);
}

/** The frequency of the strongest bin. */
export function peakFrequency(samples: ArrayLike<number>, sampleRate: number): number {
  const power = powerSpectrum(samples);
  let best = 1;
  for (let k = 1; k < power.length; k += 1) if (power[k] > power[best]) best = k;
  return (best * sampleRate) / samples.length;
}

export function concat(parts: Int16Array[]): Int16Array {
  const whole = new Int16Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    whole.set(part, offset);
    offset += part.length;
  }
  return whole;
}

/** Deterministic pseudo-random PCM (a linear congruential generator), for reproducible tests. */
export function noise(length: number, amplitude: number, seed = 12345): Int16Array {
  let state = seed >>> 0;
  return Int16Array.from({ length }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return Math.round((state / 2 ** 32 - 0.5) * 2 * amplitude);
  });
}
