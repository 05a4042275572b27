import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readWav, toTelephoneMulaw } from '@callcart/audio';

/** One 20 ms telephone frame: 160 bytes of 8 kHz µ-law. */
export const FRAME_BYTES = 160;
/** µ-law silence (a zero sample). */
export const MULAW_SILENCE = 0xff;

/**
 * Speaks text with espeak-ng (voice and words per minute as given) and returns it as a phone
 * line carries it: 8 kHz µ-law. For tests and the benchmark; the service never synthesises.
 */
export function speakToTelephone(text: string, options: { voice?: string; wordsPerMinute?: number } = {}): Promise<Uint8Array> {
  const args = ['--stdout', '-v', options.voice ?? 'en-us', '-s', String(options.wordsPerMinute ?? 160), text];
  return new Promise((resolve, reject) => {
    execFile('espeak-ng', args, { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
      if (error) return reject(new Error(`espeak-ng failed: ${error.message}`));
      resolve(toTelephoneMulaw(readWav(new Uint8Array(stdout.buffer, stdout.byteOffset, stdout.byteLength))));
    });
  });
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
