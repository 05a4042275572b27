import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readWav, type WavAudio } from '@callcart/audio';

const run = promisify(execFile);

/** The prefix that picks a flite voice: `flite:kal16`, `flite:rms`, `flite:slt`. */
const FLITE_PREFIX = 'flite:';
/** The rate flite's voices speak at unstretched, in words per minute (about espeak-ng's at `-s 160`). */
const FLITE_WORDS_PER_MINUTE = 160;

export interface SpeakOptions {
  /** An espeak-ng voice (`en-us`, `en-us+f2`, …) or `flite:<voice>`; `en-us` by default. */
  readonly voice?: string;
  /** The engine's own rate when not given (espeak-ng 175, flite about 160). */
  readonly wordsPerMinute?: number;
}

let fliteVoiceList: Promise<string[]> | undefined;

/** The voices this machine's flite has (`flite -lv`); flite itself falls back to its default voice on an unknown name. */
export function fliteVoices(): Promise<string[]> {
  fliteVoiceList ??= run('flite', ['-lv']).then(
    ({ stdout }) => stdout.replace(/^.*?:/, '').trim().split(/\s+/).filter((voice) => voice.length > 0),
    (error: Error) => {
      fliteVoiceList = undefined;
      throw new Error(`flite is not available (install the Debian package flite): ${error.message}`);
    },
  );
  return fliteVoiceList;
}

/** Whether the voice is one of flite's (the Debian package `flite`). */
export function isFliteVoice(voice: string): boolean {
  return voice.startsWith(FLITE_PREFIX);
}

/**
 * Speaks text with a synthetic voice, for the call simulator, tests and benchmarks (the product
 * never synthesises). Two engines: espeak-ng, whose formant voices sound nothing like a person and
 * are the recogniser's hard case, and flite (`flite:` voices), whose US voices are built from
 * recordings of people: `kal16` joins a US man's recorded diphones, `rms` and `slt` are
 * statistical voices trained on a US man's and a US woman's recordings.
 */
export async function synthesiseSpeech(text: string, options: SpeakOptions = {}): Promise<WavAudio> {
  const voice = options.voice ?? 'en-us';
  const wordsPerMinute = options.wordsPerMinute;
  if (wordsPerMinute !== undefined && !(wordsPerMinute > 0)) throw new Error(`words per minute must be positive, got ${wordsPerMinute}`);
  const dir = await mkdtemp(join(tmpdir(), 'callcart-say-'));
  try {
    const wav = join(dir, 'say.wav');
    if (isFliteVoice(voice)) {
      const name = voice.slice(FLITE_PREFIX.length);
      const known = await fliteVoices();
      if (!known.includes(name)) throw new Error(`unknown flite voice "${name}"; this flite has ${known.join(', ')}`);
      const stretch = (FLITE_WORDS_PER_MINUTE / (wordsPerMinute ?? FLITE_WORDS_PER_MINUTE)).toFixed(3);
      await run('flite', ['-voice', name, '--setf', `duration_stretch=${stretch}`, '-t', text, '-o', wav]).catch(
        (error: Error) => {
          throw new Error(`flite could not speak with "${voice}" (is the Debian package flite installed?): ${error.message}`);
        },
      );
    } else {
      const rate = wordsPerMinute === undefined ? [] : ['-s', String(Math.round(wordsPerMinute))];
      await run('espeak-ng', ['-v', voice, ...rate, '-w', wav, '--', text]).catch((error: Error) => {
        throw new Error(`espeak-ng could not speak with "${voice}": ${error.message}`);
      });
    }
    return readWav(await readFile(wav));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
