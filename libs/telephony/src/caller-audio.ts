import { readFile } from 'node:fs/promises';
import { FrameSplitter, readWav, toTelephoneMulaw } from '@callcart/audio';
import { synthesiseSpeech } from './synthetic-voice';

/** µ-law silence: the code word of 0. */
export const MULAW_SILENCE = 0xff;

/** The caller's audio as Twilio would send it: 20 ms frames of 8 kHz µ-law, 160 bytes each. */
export function mulawFrames(mulaw: Uint8Array): Uint8Array[] {
  const splitter = FrameSplitter.mulaw8k();
  const frames = splitter.push(mulaw);
  const last = splitter.flush(MULAW_SILENCE);
  return last ? [...frames, last] : frames;
}

/** A WAV file (any rate, channels and PCM/µ-law coding) as telephone frames. */
export async function wavFileFrames(path: string): Promise<Uint8Array[]> {
  return mulawFrames(toTelephoneMulaw(readWav(await readFile(path))));
}

/** Speaks text with a synthetic voice (espeak-ng's, or `flite:<voice>`) and returns it as telephone frames. */
export async function spokenFrames(text: string, voice = 'en-us'): Promise<Uint8Array[]> {
  return mulawFrames(toTelephoneMulaw(await synthesiseSpeech(text, { voice })));
}

/** `count` frames of silence (pauses around keypad digits). */
export function silentFrames(count: number): Uint8Array[] {
  return Array.from({ length: count }, () => new Uint8Array(160).fill(MULAW_SILENCE));
}
