import { resampleAnyRate } from './any-rate.resampler';
import { encodeMulaw } from './g711.codec';
import { Downsampler16kTo8k } from './half-band.resampler';
import { mixToMono, WavAudio } from './wav.codec';

/**
 * Any WAV audio to what a phone line carries, 8 kHz mono µ-law: mixed to mono, low-passed and
 * resampled (the half-band decimator from 16 kHz, band-limited sinc from other rates, with the
 * filter delay removed so the audio is not shifted), then G.711-encoded. For the call simulator.
 */
export function toTelephoneMulaw(audio: WavAudio): Uint8Array {
  return encodeMulaw(toTelephonePcm(audio));
}

/** Like {@link toTelephoneMulaw} but stops before encoding: 8 kHz mono 16-bit PCM. */
export function toTelephonePcm(audio: WavAudio): Int16Array {
  const mono = mixToMono(audio.samples, audio.channels);
  if (audio.sampleRate === 8000) return mono;
  if (audio.sampleRate === 16000) {
    const downsampler = new Downsampler16kTo8k();
    const head = downsampler.process(mono);
    const tail = downsampler.flush();
    const whole = new Int16Array(head.length + tail.length);
    whole.set(head);
    whole.set(tail, head.length);
    return whole.subarray(Downsampler16kTo8k.latencySamples, Downsampler16kTo8k.latencySamples + Math.floor(mono.length / 2));
  }
  return resampleAnyRate(mono, audio.sampleRate, 8000);
}
