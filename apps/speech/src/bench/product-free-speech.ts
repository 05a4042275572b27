import { readFileSync } from 'node:fs';
import { readWav, toTelephoneMulaw } from '@callcart/audio';
import type { MatchesFoundV1 } from '@callcart/contracts';
import { PocketsphinxRecogniser } from '../pocketsphinx/pocketsphinx.recogniser';
import type { PocketsphinxSession } from '../pocketsphinx/pocketsphinx.session';
import { spokenWords } from '../pocketsphinx/spoken-text';
import type { FinalRecognition } from '../recognition/recogniser';
import { concatAudio, FRAME_BYTES, rawRecordingToTelephone, telephoneSilence, toFrames } from '../recognition/telephone-speech';
import type { OrderMatches, SpokenOrder } from './live-product-matching';

/** Debian's pocketsphinx-testdata: real people reading sentences that name no product. */
export const TESTDATA_DIR = '/usr/share/pocketsphinx/test/data';

/** One real recording of product-free speech, and whether the gate was tuned on it. */
export interface ProductFreeRecording {
  readonly file: string;
  /** `tuning`: looked at while choosing the gate's thresholds; `held-out`: reported only. */
  readonly set: 'tuning' | 'held-out';
  readonly said: string;
}

/**
 * The ten librivox and cards recordings of the issue, split before tuning: three of each kind
 * to tune on, the rest (with `goforward`, a third speaker) kept apart and reported last.
 */
export const PRODUCT_FREE_RECORDINGS: readonly ProductFreeRecording[] = [
  { file: 'librivox/sense_and_sensibility_01_austen_64kb-0870.wav', set: 'tuning', said: 'and mister john dashwood had then leisure to consider how much there might be prudently in his power to do for them' },
  { file: 'librivox/sense_and_sensibility_01_austen_64kb-0880.wav', set: 'tuning', said: 'he was not an ill disposed young man' },
  { file: 'librivox/sense_and_sensibility_01_austen_64kb-0890.wav', set: 'tuning', said: 'unless to be rather cold hearted and rather selfish is to be ill disposed' },
  { file: 'cards/001.wav', set: 'tuning', said: 'ten of clubs' },
  { file: 'cards/002.wav', set: 'tuning', said: 'four queen of clubs' },
  { file: 'cards/003.wav', set: 'tuning', said: 'seven of clubs' },
  { file: 'librivox/sense_and_sensibility_01_austen_64kb-0920.wav', set: 'held-out', said: 'had he married a more amiable woman he might have been made still more respectable than he was' },
  { file: 'librivox/sense_and_sensibility_01_austen_64kb-0930.wav', set: 'held-out', said: 'he might even have been made amiable himself' },
  { file: 'cards/004.wav', set: 'held-out', said: 'five five' },
  { file: 'cards/005.wav', set: 'held-out', said: 'eight of spades four of clubs seven of hearts' },
  { file: 'goforward.raw', set: 'held-out', said: 'go forward ten meters' },
];

/** A recording as the phone line delivers it: 8 kHz µ-law, with the silence around it a call has. */
export function recordingToTelephone(recording: ProductFreeRecording, dir = TESTDATA_DIR): Uint8Array {
  const path = `${dir}/${recording.file}`;
  const line = recording.file.endsWith('.raw') ? rawRecordingToTelephone(path) : toTelephoneMulaw(readWav(readFileSync(path)));
  return concatAudio(telephoneSilence(300), line, telephoneSilence(800));
}

/** Each recording as a call of its own, through the recogniser; the finals come back as bench "orders" naming no product. */
export async function recogniseProductFree(
  recogniser: PocketsphinxRecogniser,
  recordings: readonly ProductFreeRecording[],
  firstIndex: number,
): Promise<{ orders: SpokenOrder[]; audioMs: number }> {
  const orders: SpokenOrder[] = [];
  let audioMs = 0;
  for (const [offset, recording] of recordings.entries()) {
    const audio = recordingToTelephone(recording);
    audioMs += (audio.length / FRAME_BYTES) * 20;
    const finals: FinalRecognition[] = [];
    const session = (await recogniser.start(`CAfree${offset}`, {
      onRecognition: (recognition) => {
        if (recognition.kind === 'final') finals.push(recognition);
      },
      onError: (error) => console.error(error),
    })) as PocketsphinxSession;
    const frames = toFrames(audio);
    for (let f = 0; f < frames.length; f += 5) {
      for (const frame of frames.slice(f, f + 5)) session.write(frame);
      await session.drained();
    }
    await session.end();
    orders.push({ index: firstIndex + offset, voice: `${recording.set}:${recording.file}`, productId: '', sameProductIds: [], said: spokenWords(recording.said).join(' '), finals });
  }
  return { orders, audioMs };
}

/** The candidate lists published for product-free speech: every one is a false one. */
export function falseLists(matches: readonly MatchesFoundV1[]): number {
  return matches.filter((found) => found.hits.length > 0).length;
}

/** First index of the product-free "orders", apart from the spoken orders' indices. */
const FREE_FIRST_INDEX = 100_000;

/** Recognises every product-free recording as a call of its own, on a recogniser of the catalogue's phrases. */
export async function recogniseFreeSpeech(phrases: readonly string[], warps: readonly number[]): Promise<{ orders: SpokenOrder[]; audioMs: Map<string, number> }> {
  const recogniser = new PocketsphinxRecogniser({ warps });
  try {
    await recogniser.updateVocabulary({ version: 'bench-free', language: 'en', phrases: [...phrases] });
    const orders: SpokenOrder[] = [];
    const audioMs = new Map<string, number>();
    for (const set of ['tuning', 'held-out'] as const) {
      const recordings = PRODUCT_FREE_RECORDINGS.filter((recording) => recording.set === set);
      const recognised = await recogniseProductFree(recogniser, recordings, FREE_FIRST_INDEX + orders.length);
      orders.push(...recognised.orders);
      audioMs.set(set, recognised.audioMs);
    }
    return { orders, audioMs };
  } finally {
    await recogniser.close();
  }
}

/** Per set (tuning, held-out): its audio, recordings and the candidate lists published for them. */
export function productFreeFigures(results: readonly OrderMatches[], audioMs: ReadonlyMap<string, number>) {
  return [...audioMs].map(([set, ms]) => {
    const inSet = results.filter((result) => result.order.voice.startsWith(`${set}:`));
    return {
      set,
      audioMs: ms,
      recordings: inSet.length,
      lists: inSet.reduce((sum, result) => sum + falseLists(result.heard), 0),
      saidLists: inSet.reduce((sum, result) => sum + falseLists(result.said), 0),
    };
  });
}
