import { designHalfBandOddPhase, HALF_BAND_SIDE_TAPS } from './half-band.filter';

/** Shared odd-phase taps (interpolation scale); both resamplers read them, nobody writes them. */
const ODD_PHASE = designHalfBandOddPhase();
const K = HALF_BAND_SIDE_TAPS;
const SPAN = 2 * K;
/** Held in module scope: a global lookup per sample is slow inside jest's `vm` context (see any-rate.resampler). */
const { round } = Math;

function toInt16(value: number): number {
  const rounded = round(value);
  return rounded > 32767 ? 32767 : rounded < -32768 ? -32768 : rounded;
}

/** A reusable Float64 work area: history followed by the new frame, grown on demand. */
class WorkBuffer {
  data: Float64Array;
  constructor(initial: number) {
    this.data = new Float64Array(initial);
  }
  ensure(length: number): Float64Array {
    if (this.data.length < length) {
      const grown = new Float64Array(Math.max(length, this.data.length * 2));
      grown.set(this.data);
      this.data = grown;
    }
    return this.data;
  }
}

/**
 * Streaming 8 kHz → 16 kHz conversion for the speech recogniser: a polyphase half-band
 * interpolator (docs/decisions/0030-audio-resampling.md) that keeps its filter state between
 * calls, so a call processed 20 ms frame by 20 ms frame gives exactly the samples of one-shot
 * processing. Every `process` returns exactly twice as many samples as it was given (a 160-sample
 * frame gives 320); the output lags the input by {@link Upsampler8kTo16k.latencySamples} samples
 * at 16 kHz, which `flush` drains at the end of the call. One instance per call: not shareable.
 */
export class Upsampler8kTo16k {
  /** Output delay in 16 kHz samples (2 ms): output sample m corresponds to input time (m - latency) / 16000. */
  static readonly latencySamples = 2 * K;
  private readonly work = new WorkBuffer(SPAN - 1 + 320);
  /** The last 2K-1 input samples (starts as silence). */
  private readonly history = new Float64Array(SPAN - 1);

  /** Converts one frame (any length; 160 samples for 20 ms); returns 2 × frame.length samples. */
  process(frame: Int16Array): Int16Array {
    const historyLength = SPAN - 1;
    const w = this.work.ensure(historyLength + frame.length);
    w.set(this.history, 0);
    for (let i = 0; i < frame.length; i += 1) w[historyLength + i] = frame[i];
    const out = new Int16Array(2 * frame.length);
    const c = ODD_PHASE;
    for (let f = 0; f < frame.length; f += 1) {
      // Even phase: the input sample itself (centre tap). Odd phase: symmetric FIR, folded.
      out[2 * f] = w[f + K - 1];
      let acc = 0;
      for (let k = 0; k < K; k += 1) acc += c[k] * (w[f + k] + w[f + SPAN - 1 - k]);
      out[2 * f + 1] = toInt16(acc);
    }
    this.history.set(w.subarray(frame.length, frame.length + historyLength));
    return out;
  }

  /** Ends the stream: returns the last {@link Upsampler8kTo16k.latencySamples} samples and resets to silence. */
  flush(): Int16Array {
    const tail = this.process(new Int16Array(K));
    this.history.fill(0);
    return tail;
  }
}

/**
 * Streaming 16 kHz → 8 kHz conversion (the call simulator turns 16 kHz speech into telephone
 * audio with it): the same half-band filter as a decimator, so nothing above 4 kHz folds back
 * into the band. Returns one sample per two given (an odd leftover waits for the next call); the
 * output lags by {@link Downsampler16kTo8k.latencySamples} samples at 8 kHz, drained by `flush`.
 */
export class Downsampler16kTo8k {
  /** Output delay in 8 kHz samples. */
  static readonly latencySamples = K - 1;
  private readonly work = new WorkBuffer(2 * SPAN + 320);
  /** The last 4K-2 input samples at even alignment, plus possibly one odd leftover after them. */
  private readonly history = new Float64Array(2 * SPAN - 2);
  private leftover: number | undefined;

  /** Converts a chunk of 16 kHz samples (any length; 320 for 20 ms); returns floor((pending + length) / 2) samples. */
  process(frame: Int16Array): Int16Array {
    const historyLength = 2 * SPAN - 2;
    const pending = this.leftover === undefined ? 0 : 1;
    const total = pending + frame.length;
    const usable = total - (total % 2);
    const w = this.work.ensure(historyLength + total);
    w.set(this.history, 0);
    if (this.leftover !== undefined) w[historyLength] = this.leftover;
    for (let i = 0; i < frame.length; i += 1) w[historyLength + pending + i] = frame[i];
    const outputs = usable / 2;
    const out = new Int16Array(outputs);
    const c = ODD_PHASE;
    for (let f = 0; f < outputs; f += 1) {
      const base = 2 * f;
      let acc = w[base + SPAN]; // centre tap 0.5 × 2 (c is scaled ×2, halved below)
      for (let k = 0; k < K; k += 1) acc += c[k] * (w[base + 1 + 2 * k] + w[base + 2 * SPAN - 1 - 2 * k]);
      out[f] = toInt16(acc * 0.5);
    }
    this.history.set(w.subarray(usable, usable + historyLength));
    this.leftover = total % 2 === 1 ? w[historyLength + total - 1] : undefined;
    return out;
  }

  /** Ends the stream: returns the delayed tail (and an odd last sample, zero-padded) and resets to silence. */
  flush(): Int16Array {
    const padding = 2 * Downsampler16kTo8k.latencySamples + (this.leftover === undefined ? 0 : 1);
    const tail = this.process(new Int16Array(padding));
    this.history.fill(0);
    this.leftover = undefined;
    return tail;
  }
}
