import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Language } from '@callcart/contracts';
import { encodeMulaw, toTelephonePcm } from '@callcart/audio';
import { synthesiseSpeech } from '@callcart/telephony';
import { PROMPT_FILES } from './prompt-files';
import { waitingTonesPcm } from './waiting-tones';

const FRAME_BYTES = 160;
const MULAW_SILENCE = 0xff;

/**
 * The greetings, each with the voice that speaks it: flite's `slt` (built from a person's
 * recordings, the most natural voice on these machines) for English; flite has no Mandarin, so
 * espeak-ng's `cmn` voice for Chinese.
 */
export const GREETINGS: Record<Language, { readonly text: string; readonly voice: string; readonly wordsPerMinute: number }> = {
  en: { text: 'Thank you for calling. One of our team will be with you shortly. Please stay on the line.', voice: 'flite:slt', wordsPerMinute: 150 },
  zh: { text: '您好，感谢您的来电。客服人员马上为您服务，请稍候。', voice: 'cmn', wordsPerMinute: 210 },
};

/** Silence before and after a greeting, in frames: it starts gently and does not run into the chimes. */
const LEAD_IN_FRAMES = 10;
const TAIL_FRAMES = 25;

/** µ-law bytes padded with silence to whole 20 ms frames, with silent frames before and after. */
function framed(mulaw: Uint8Array, leadFrames = 0, tailFrames = 0): Uint8Array {
  const bodyFrames = Math.ceil(mulaw.length / FRAME_BYTES);
  const out = new Uint8Array((leadFrames + bodyFrames + tailFrames) * FRAME_BYTES).fill(MULAW_SILENCE);
  out.set(mulaw, leadFrames * FRAME_BYTES);
  return out;
}

/** Synthesises one greeting as 8 kHz µ-law in whole frames. */
export async function greetingAudio(language: Language): Promise<Uint8Array> {
  const greeting = GREETINGS[language];
  const speech = await synthesiseSpeech(greeting.text, { voice: greeting.voice, wordsPerMinute: greeting.wordsPerMinute });
  return framed(encodeMulaw(toTelephonePcm(speech)), LEAD_IN_FRAMES, TAIL_FRAMES);
}

/** The waiting loop as 8 kHz µ-law in whole frames. */
export function waitingAudio(): Uint8Array {
  return framed(encodeMulaw(waitingTonesPcm()));
}

/** Writes every prompt file into `dir`; returns the files with their sizes. */
export async function generatePrompts(dir: string): Promise<{ file: string; bytes: number }[]> {
  await mkdir(dir, { recursive: true });
  const files: [string, Uint8Array][] = [
    [PROMPT_FILES.greeting.en, await greetingAudio('en')],
    [PROMPT_FILES.greeting.zh, await greetingAudio('zh')],
    [PROMPT_FILES.waiting, waitingAudio()],
  ];
  for (const [file, audio] of files) await writeFile(join(dir, file), audio);
  return files.map(([file, audio]) => ({ file, bytes: audio.length }));
}
