/** The sample rate of telephone audio. */
const RATE = 8000;

/** One chime of the waiting pattern: a pitch, when it strikes and how long it rings. */
interface Chime {
  readonly hz: number;
  readonly atS: number;
  readonly ringS: number;
}

/**
 * A slow rising-and-falling major arpeggio (C5 E5 G5 C6, then G5 E5), struck like a soft bell, and a
 * rest: calm, clearly "you are still connected", nothing a caller could mistake for a ring-back or
 * busy tone (those are steady cadenced tones). The pitches sit where a phone line carries them well
 * (300–3,400 Hz band, fundamentals 523–1,047 Hz).
 */
const CHIMES: readonly Chime[] = [
  { hz: 523.25, atS: 0.0, ringS: 0.9 },
  { hz: 659.26, atS: 0.3, ringS: 0.9 },
  { hz: 783.99, atS: 0.6, ringS: 0.9 },
  { hz: 1046.5, atS: 0.9, ringS: 1.4 },
  { hz: 783.99, atS: 1.5, ringS: 0.9 },
  { hz: 659.26, atS: 1.8, ringS: 1.4 },
];
/** One loop: the chimes and the rest after them. */
const LOOP_S = 4;
/** Peak level: about -12 dBFS, well under the clipping of µ-law (±32,124). */
const PEAK = 8000;
/** Attack of each strike: 5 ms, so it starts without a click. */
const ATTACK_S = 0.005;

/**
 * The waiting audio's loop as 8 kHz 16-bit PCM (4 s, 32,000 samples), computed here so the
 * project ships no recorded music. Each chime is a sine with a quieter octave partial and an
 * exponential decay; the loop ends in silence, so it repeats without a seam.
 */
export function waitingTonesPcm(): Int16Array {
  const total = Math.round(LOOP_S * RATE);
  const mix = new Float64Array(total);
  for (const chime of CHIMES) {
    const start = Math.round(chime.atS * RATE);
    const length = Math.min(total - start, Math.round(chime.ringS * RATE));
    for (let i = 0; i < length; i += 1) {
      const t = i / RATE;
      const attack = Math.min(1, t / ATTACK_S);
      // Decays to -40 dB over its ring time, then a 20 ms fade to exactly zero.
      const decay = Math.exp((-4.6 * t) / chime.ringS);
      const fade = Math.min(1, (length - i) / (0.02 * RATE));
      const tone = Math.sin(2 * Math.PI * chime.hz * t) + 0.25 * Math.sin(4 * Math.PI * chime.hz * t);
      mix[start + i] += attack * decay * fade * tone;
    }
  }
  const peak = mix.reduce((max, value) => Math.max(max, Math.abs(value)), 0);
  const samples = new Int16Array(total);
  for (let i = 0; i < total; i += 1) samples[i] = Math.round((mix[i] / peak) * PEAK);
  return samples;
}
