import { readFileSync } from 'node:fs';
import { toTelephoneMulaw } from '@callcart/audio';
import { synthesiseSpeech, type SpeakOptions } from '@callcart/telephony';

/** One 20 ms telephone frame: 160 bytes of 8 kHz µ-law. */
export const FRAME_BYTES = 160;
/** µ-law silence (a zero sample). */
export const MULAW_SILENCE = 0xff;

/**
 * Speaks text with a synthetic voice (an espeak-ng voice, or `flite:<voice>`; words per minute as
 * given, 160 by default) and returns it as a phone line carries it: 8 kHz µ-law. For tests and the benchmark; the
 * service never synthesises.
 */
export async function speakToTelephone(text: string, options: SpeakOptions = {}): Promise<Uint8Array> {
  return toTelephoneMulaw(await synthesiseSpeech(text, { wordsPerMinute: 160, ...options }));
}

/** A 16 kHz 16-bit little-endian raw recording (pocketsphinx-testdata) as a phone line carries it. */
export function rawRecordingToTelephone(path: string): Uint8Array {
  const raw = readFileSync(path);
  const samples = new Int16Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  return toTelephoneMulaw({ sampleRate: 16000, channels: 1, samples });
}

/** `ms` of telephone silence. */
export function telephoneSilence(ms: number): Uint8Array {
  return new Uint8Array((ms / 20) * FRAME_BYTES).fill(MULAW_SILENCE);
}

/** Cuts telephone audio into the 20 ms frames a call delivers (the last one may be short). */
export function toFrames(audio: Uint8Array): Uint8Array[] {
  const frames: Uint8Array[] = [];
  for (let offset = 0; offset < audio.length; offset += FRAME_BYTES) frames.push(audio.subarray(offset, offset + FRAME_BYTES));
  return frames;
}

/** Joins pieces of telephone audio. */
export function concatAudio(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
