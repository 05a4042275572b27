import { WaveFile } from 'wavefile';

/** A WAV file could not be read as audio (not RIFF/WAVE, an unsupported coding, no samples). */
export class WavFormatError extends Error {
  override readonly name = 'WavFormatError';
}

/** Decoded WAV audio: 16-bit PCM, channels interleaved. */
export interface WavAudio {
  sampleRate: number;
  channels: number;
  /** Interleaved when `channels > 1`; use {@link mixToMono} for a single channel. */
  samples: Int16Array;
}

const PCM = 1;
const IEEE_FLOAT = 3;
const ALAW = 6;
const MULAW = 7;
const EXTENSIBLE = 0xfffe;

/**
 * Reads a WAV file (PCM 8/16/24/32-bit, 32/64-bit float, G.711 µ-law or A-law) as 16-bit PCM,
 * so callers (the call simulator, speech tests and fixtures) need handle one format only.
 * @throws WavFormatError for anything that is not a readable WAV.
 */
export function readWav(buffer: Uint8Array): WavAudio {
  let wav: WaveFile;
  try {
    wav = new WaveFile(buffer);
  } catch (error) {
    throw new WavFormatError(`not a readable WAV file: ${(error as Error).message}`);
  }
  const fmt = wav.fmt as { audioFormat: number; numChannels: number; sampleRate: number };
  try {
    if (fmt.audioFormat === MULAW) wav.fromMuLaw();
    else if (fmt.audioFormat === ALAW) wav.fromALaw();
    else if (![PCM, IEEE_FLOAT, EXTENSIBLE].includes(fmt.audioFormat)) {
      throw new WavFormatError(`unsupported WAV coding ${fmt.audioFormat} (PCM, float, µ-law and A-law are read)`);
    }
    if (wav.bitDepth !== '16') wav.toBitDepth('16');
  } catch (error) {
    if (error instanceof WavFormatError) throw error;
    throw new WavFormatError(`cannot convert WAV to 16-bit PCM: ${(error as Error).message}`);
  }
  const converted = wav.fmt as { numChannels: number; sampleRate: number };
  if (!converted.numChannels || !converted.sampleRate) throw new WavFormatError('WAV header has no channels or sample rate');
  const samples = wav.getSamples(true, Int16Array) as unknown as Int16Array;
  return { sampleRate: converted.sampleRate, channels: converted.numChannels, samples };
}

/** Writes mono 16-bit PCM as a canonical 44-byte-header WAV file. */
export function writeWav(samples: Int16Array, sampleRate: number): Uint8Array {
  if (!Number.isInteger(sampleRate) || sampleRate <= 0) throw new RangeError(`sample rate must be a positive integer, got ${sampleRate}`);
  const wav = new WaveFile();
  wav.fromScratch(1, sampleRate, '16', samples);
  return wav.toBuffer();
}

/** Averages interleaved channels into one (a stereo WAV given to the simulator). */
export function mixToMono(samples: Int16Array, channels: number): Int16Array {
  if (channels === 1) return samples;
  const frames = Math.floor(samples.length / channels);
  const mono = new Int16Array(frames);
  for (let i = 0; i < frames; i += 1) {
    let sum = 0;
    for (let ch = 0; ch < channels; ch += 1) sum += samples[i * channels + ch];
    mono[i] = Math.round(sum / channels);
  }
  return mono;
}
