import { decodeMulaw } from '@callcart/audio';
import { percentile } from '@callcart/benchmarking';
import { isFliteVoice } from '@callcart/telephony';
import { PocketsphinxRecogniser } from '../pocketsphinx/pocketsphinx.recogniser';
import type { PocketsphinxSession } from '../pocketsphinx/pocketsphinx.session';
import { spokenWords } from '../pocketsphinx/spoken-text';
import type { FinalRecognition, Recognition } from '../recognition/recogniser';
import { concatAudio, FRAME_BYTES, MULAW_SILENCE, speakToTelephone, telephoneSilence, toFrames } from '../recognition/telephone-speech';
import type { CatalogueProduct } from './bench-catalogue';
import { quantityOf } from './bench-phrasings';
import type { SpokenOrder } from './live-product-matching';

/**
 * The speech bench's calls: each order spoken by a synthetic US voice, through the telephone
 * channel, after a greeting, into the real pocketsphinx recogniser; word errors, latency and CPU.
 */

/**
 * US voices of two engines. espeak-ng's are formant synthesis, nothing like a person, and the
 * recogniser's hard case; flite's are built from recordings of people (kal16: a US man's diphones;
 * rms, slt: statistical voices of a US man and woman) and are the nearer stand-in for a caller.
 */
export const ESPEAK_VOICES = ['en-us', 'en-us+m3', 'en-us+f2', 'en-us+m7'];
export const FLITE_VOICES = ['flite:kal16', 'flite:rms', 'flite:slt'];
export const engineOf = (voice: string) => (isFliteVoice(voice) ? 'flite' : 'espeak-ng');
export const SPEEDS = [140, 160, 180];
/** How each bench call opens, before the order. */
export const GREETING = 'hello, I want to place an order';
const GREETING_PAUSE_MS = 700;
/** Transcripts start up to the decoder's pre-speech audio (200 ms) and a 100 ms chunk before the words. */
const PRESPEECH_SLACK_MS = 300;

function wordErrors(reference: string[], hypothesis: string[]): number {
  const d = Array.from({ length: reference.length + 1 }, (_, i) => [i, ...new Array<number>(hypothesis.length).fill(0)]);
  for (let j = 1; j <= hypothesis.length; j += 1) d[0][j] = j;
  for (let i = 1; i <= reference.length; i += 1) {
    for (let j = 1; j <= hypothesis.length; j += 1) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (reference[i - 1] === hypothesis[j - 1] ? 0 : 1));
    }
  }
  return d[reference.length][hypothesis.length];
}

/** Milliseconds into the audio where speech last has energy (the end of the product name). */
function speechEndMs(audio: Uint8Array): number {
  const frames = toFrames(audio);
  let last = 0;
  frames.forEach((frame, index) => {
    const samples = decodeMulaw(frame);
    const energy = Math.sqrt(samples.reduce((sum, sample) => sum + sample * sample, 0) / samples.length);
    if (energy > 300) last = index + 1;
  });
  return last * 20;
}

function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 0.5) ?? Number.NaN;
}

export interface RecognitionFigures {
  readonly wordErrorRate: number;
  readonly wordErrorRateByEngine: Record<string, number>;
  readonly productHeard: number;
  readonly medianLatencyMs: number;
  /** The same to the first final transcript holding the name: what live matching waits for (the pause included). */
  readonly medianFinalLatencyMs: number;
  readonly cpuPerAudioSecond: number;
  readonly streamsPerCore: number;
  /** CPU spent making each call's fresh decoders, apart from decoding (once per call). */
  readonly decoderSetupCpuMsPerCall: number;
  /** CPU spent on each call's greeting, decoded once per speaker warp until one is chosen (once per call). */
  readonly greetingCpuMsPerCall: number;
  /** How often each warp was chosen, per engine. */
  readonly speakerWarps: Record<string, Record<string, number>>;
}

/** What the bench speaks and how the recogniser is set up. */
export interface OrderRecognitionOptions {
  readonly products: readonly CatalogueProduct[];
  /** The product (index into `products`) that order `i` names. */
  readonly spokenIndex: (i: number) => number;
  readonly n: number;
  readonly sameProducts: Record<string, string[]>;
  /** The recogniser's vocabulary: what the catalogue service hands the speech service, or every name in the file. */
  readonly vocabulary: { readonly source: string; readonly phrases: readonly string[] } | undefined;
  readonly voices: readonly string[];
  readonly warps: readonly number[];
  /** What the caller says for order `i` naming `product` (its first six spoken words). */
  readonly phrase: (product: CatalogueProduct, words: string, i: number) => string;
  readonly log: (line: string) => void;
}

/** Speaks, channels and recognises the `n` orders; returns the figures and each order's finals. */
export async function recogniseOrders(options: OrderRecognitionOptions): Promise<{ figures: RecognitionFigures; orders: SpokenOrder[] }> {
  const { products, spokenIndex, n, sameProducts, vocabulary, voices, warps, phrase, log } = options;
  const names = vocabulary ? [...vocabulary.phrases] : products.map((product) => product.name);
  const recogniser = new PocketsphinxRecogniser({ warps });
  let built = Date.now();
  let report = '';
  const withReport = new PocketsphinxRecogniser({
    onSearchBuilt: (search) => (report = `${search.wordCount} words, ${search.generatedWords} generated pronunciations`),
  });
  await withReport.updateVocabulary({ version: 'bench', language: 'en', phrases: names });
  await withReport.close();
  await recogniser.updateVocabulary({ version: 'bench', language: 'en', phrases: names });
  built = Date.now() - built;
  log(`recogniser vocabulary: ${vocabulary ? `${vocabulary.source}, ${names.length} phrases` : `the whole file, ${names.length} products`} (${report}); search built twice in ${built} ms`);

  let errors = 0;
  let referenceWords = 0;
  const engineWords = new Map<string, { errors: number; words: number }>();
  let audioMs = 0;
  let cpuMicros = 0;
  let setupMicros = 0;
  let greetingMicros = 0;
  let productHeard = 0;
  const latencies: number[] = [];
  const finalLatencies: number[] = [];
  const orders: SpokenOrder[] = [];
  const warpsChosen = new Map<string, Map<string, number>>();
  const greetings = new Map<string, Uint8Array>();
  for (let i = 0; i < n; i += 1) {
    const spoken = products[spokenIndex(i)];
    const product = spokenWords(spoken.name).slice(0, 6).join(' ');
    const utterance = phrase(spoken, product, i);
    const voice = voices[i % voices.length];
    const wordsPerMinute = SPEEDS[Math.floor(i / voices.length) % SPEEDS.length];
    // A call opens with a greeting, as callers do; the recogniser fits its speaker warp there.
    const greetingKey = `${voice}@${wordsPerMinute}`;
    const greeting = greetings.get(greetingKey) ?? (await speakToTelephone(GREETING, { voice, wordsPerMinute }));
    greetings.set(greetingKey, greeting);
    const speech = await speakToTelephone(utterance, { voice, wordsPerMinute });
    const greeted = concatAudio(telephoneSilence(300), greeting, telephoneSilence(GREETING_PAUSE_MS));
    // Whole frames, so the order starts on a frame as it would in a call.
    const opening = concatAudio(greeted, new Uint8Array((FRAME_BYTES - (greeted.length % FRAME_BYTES)) % FRAME_BYTES).fill(MULAW_SILENCE));
    const order = concatAudio(speech, telephoneSilence(800));
    const orderStartMs = (opening.length / FRAME_BYTES) * 20;
    const productEnd = orderStartMs + speechEndMs(speech);
    const lastWord = spokenWords(utterance).pop()!;
    let positionMs = 0;
    let firstSeenMs: number | undefined;
    let finalSeenMs: number | undefined;
    const results: Recognition[] = [];
    const session = (await recogniser.start(`CAbench${i}`, {
      onRecognition: (recognition) => {
        results.push(recognition);
        if (recognition.startMs < orderStartMs - PRESPEECH_SLACK_MS) return;
        if (firstSeenMs === undefined && recognition.text.split(' ').includes(lastWord)) firstSeenMs = positionMs;
        if (finalSeenMs === undefined && recognition.kind === 'final' && recognition.text.split(' ').includes(lastWord)) finalSeenMs = positionMs;
      },
      onError: (error) => console.error(error),
    })) as PocketsphinxSession;
    // The next call's decoders are made in the background at start (once per call, which a
    // 5-10 minute call amortises); measure that apart from decoding, which is what scales.
    const setup = process.cpuUsage();
    await recogniser.spareReady();
    const setupUsed = process.cpuUsage(setup);
    setupMicros += setupUsed.user + setupUsed.system;
    const feed = async (audio: Uint8Array): Promise<number> => {
      const cpu = process.cpuUsage();
      const frames = toFrames(audio);
      for (let f = 0; f < frames.length; f += 5) {
        for (const frame of frames.slice(f, f + 5)) session.write(frame);
        await session.drained();
        positionMs += frames.slice(f, f + 5).length * 20;
      }
      const used = process.cpuUsage(cpu);
      return used.user + used.system;
    };
    // The greeting is decoded once per warp until the speaker's fit is chosen: once per call.
    greetingMicros += await feed(opening);
    const orderCpu = process.cpuUsage();
    await feed(order);
    await session.end();
    const used = process.cpuUsage(orderCpu);
    cpuMicros += used.user + used.system;
    audioMs += (order.length / FRAME_BYTES) * 20;
    const chosen = warpsChosen.get(engineOf(voice)) ?? new Map<string, number>();
    const warp = session.speakerWarp === undefined ? 'none' : String(session.speakerWarp);
    chosen.set(warp, (chosen.get(warp) ?? 0) + 1);
    warpsChosen.set(engineOf(voice), chosen);
    const finals = results.filter((r): r is FinalRecognition => r.kind === 'final' && r.startMs >= orderStartMs - PRESPEECH_SLACK_MS);
    const hypothesis = finals.flatMap((r) => r.text.split(' ')).filter((word) => word.length > 0);
    const reference = spokenWords(utterance);
    const wrong = wordErrors(reference, hypothesis);
    errors += wrong;
    referenceWords += reference.length;
    const byEngine = engineWords.get(engineOf(voice)) ?? { errors: 0, words: 0 };
    engineWords.set(engineOf(voice), { errors: byEngine.errors + wrong, words: byEngine.words + reference.length });
    if (firstSeenMs !== undefined) {
      productHeard += 1;
      latencies.push(Math.max(0, firstSeenMs - productEnd));
      if (finalSeenMs !== undefined) finalLatencies.push(Math.max(0, finalSeenMs - productEnd));
    }
    orders.push({ index: i, voice, productId: spoken.id, sameProductIds: sameProducts[spoken.id] ?? [], said: reference.join(' '), finals, quantity: quantityOf(utterance) });
  }
  await recogniser.close();
  const cpuPerAudioSecond = cpuMicros / 1e6 / (audioMs / 1000);
  return {
    figures: {
      wordErrorRate: errors / referenceWords,
      wordErrorRateByEngine: Object.fromEntries([...engineWords].map(([engine, counts]) => [engine, counts.errors / counts.words])),
      productHeard,
      medianLatencyMs: median(latencies),
      medianFinalLatencyMs: median(finalLatencies),
      cpuPerAudioSecond,
      streamsPerCore: 1 / cpuPerAudioSecond,
      decoderSetupCpuMsPerCall: setupMicros / 1000 / n,
      greetingCpuMsPerCall: greetingMicros / 1000 / n,
      speakerWarps: Object.fromEntries([...warpsChosen].map(([engine, counts]) => [engine, Object.fromEntries(counts)])),
    },
    orders,
  };
}
