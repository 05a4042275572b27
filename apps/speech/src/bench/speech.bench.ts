import { dirname, join, resolve } from 'node:path';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { decodeMulaw } from '@callcart/audio';
import { vocabularyGetV1, ALL_STREAMS } from '@callcart/contracts';
import { VOCABULARY_LIMIT } from '../vocabulary/catalogue-vocabulary.source';
import { BenchStack, hasBuiltScript } from '@callcart/benchmarking';
import { MessageBus } from '@callcart/messaging';
import { isFliteVoice } from '@callcart/telephony';
import { DEFAULT_WARPS, parseWarps } from '../pocketsphinx/decoder-pool';
import { PocketsphinxRecogniser } from '../pocketsphinx/pocketsphinx.recogniser';
import type { PocketsphinxSession } from '../pocketsphinx/pocketsphinx.session';
import { spokenWords } from '../pocketsphinx/spoken-text';
import type { FinalRecognition, Recognition } from '../recognition/recogniser';
import { concatAudio, FRAME_BYTES, MULAW_SILENCE, speakToTelephone, telephoneSilence, toFrames } from '../recognition/telephone-speech';
import { describeLists, describeMisses, matchingFigures, matchThroughCatalogue, type MatchingFigures, type SpokenOrder } from './live-product-matching';
import { phrasingFor, quantityFigures, quantityOf } from './bench-phrasings';
import { productFreeFigures, recogniseFreeSpeech } from './product-free-speech';

/** The evaluation data, beside the repository (`../shared/eval`), or where CALLCART_EVAL_DIR says. */
const EVAL_DIR = process.env.CALLCART_EVAL_DIR ?? resolve(process.cwd(), '..', 'shared', 'eval');

/**
 * `npm run bench:speech -- --catalogue FILE [--n 210] [--voices a,b] [--warps 0.9,1,…]`: spoken product orders made
 * from the catalogue with synthetic US voices (flite's and espeak-ng's; speeds, carrier phrases), through a telephone channel
 * (8 kHz µ-law), each call opening with a greeting, recognised by the real pocketsphinx recogniser with the whole catalogue as its
 * vocabulary. Prints word error rate, latency from the end of the product name to its first
 * appearance in a transcript, CPU per audio second and real-time streams per core, and (`--match`,
 * the default once `node tools/build.mjs catalogue` has run; `--no-match` skips it) the share of
 * utterances whose product the catalogue service's live matcher puts first / in its top 5.
 *
 * Matching runs the real service as a child process on a fresh database and NATS prefix: the
 * spoken products plus distractors from the same file (`--products`, 5,000 in all) are imported
 * with the catalogue CLI, and each utterance's finals go out as `transcriptUpdatedV1` for a
 * synthetic call; the `matchesFoundV1` that come back are scored. `--misses` lists the misses,
 * `--json` prints the figures as one JSON object. `--mention-gate SURE,ORDER_LED` runs the catalogue
 * with other gate bars (decision 0047; `0,0` publishes every mention but numbers only).
 */
/**
 * US voices of two engines. espeak-ng's are formant synthesis, nothing like a person, and the
 * recogniser's hard case; flite's are built from recordings of people (kal16: a US man's diphones;
 * rms, slt: statistical voices of a US man and woman) and are the nearer stand-in for a caller.
 */
const ESPEAK_VOICES = ['en-us', 'en-us+m3', 'en-us+f2', 'en-us+m7'];
const FLITE_VOICES = ['flite:kal16', 'flite:rms', 'flite:slt'];
/** Orders per voice by default: 30 (a share near 85 % then has a standard error of ~7 points per voice, ~4 per engine). */
const ORDERS_PER_VOICE = 30;
const engineOf = (voice: string) => (isFliteVoice(voice) ? 'flite' : 'espeak-ng');
const SPEEDS = [140, 160, 180];
/** How each bench call opens, before the order. */
const GREETING = 'hello, I want to place an order';
const GREETING_PAUSE_MS = 700;
/** Transcripts start up to the decoder's pre-speech audio (200 ms) and a 100 ms chunk before the words. */
const PRESPEECH_SLACK_MS = 300;
const CARRIERS = ["I'd like", 'do you have', 'I want', 'can I get'];

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

function flag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

interface CatalogueProduct {
  readonly id: string;
  readonly name: string;
  readonly sku: string;
  /** The file's line, imported as it is. */
  readonly line: string;
}

/** A tiny JSONL reader: one product object per line, `id` and `name` used. */
function readCatalogue(path: string): CatalogueProduct[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      const product = JSON.parse(line) as { id?: string; name?: string; sku?: string };
      return { id: product.id ?? '', name: product.name ?? '', sku: product.sku ?? '', line };
    })
    .filter((product) => product.name.length > 0);
}

/** `catalogue-en.jsonl` → `catalogue-en-duplicates.json` beside it (id → other listings of the same product), if there. */
function readSameProducts(cataloguePath: string): Record<string, string[]> {
  const path = join(dirname(cataloguePath), cataloguePath.split('/').pop()!.replace(/\.jsonl$/, '-duplicates.json'));
  return path !== cataloguePath && existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, string[]>) : {};
}

/**
 * The products imported for matching: the spoken ones, then distractors from the same file in a
 * fixed pseudo-random order until `total`, so matching is not trivial and every run is the same.
 */
function importSubset(products: readonly CatalogueProduct[], spoken: ReadonlySet<number>, total: number): CatalogueProduct[] {
  if (total >= products.length) return [...products];
  // A seeded shuffle of the other products (the LCG's high bits: its low bits repeat with short
  // periods, which left a loop drawing "random" indices that never reached every product).
  const others = products.map((_, index) => index).filter((index) => !spoken.has(index));
  let state = 20261124;
  for (let i = others.length - 1; i > 0; i -= 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = Math.floor(((state >>> 8) / 2 ** 23) * (i + 1));
    [others[i], others[j]] = [others[j], others[i]];
  }
  const chosen = [...spoken, ...others.slice(0, Math.max(0, total - spoken.size))];
  return chosen.map((index) => products[index]);
}

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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
}

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

interface RecognitionFigures {
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

/** Speaks, channels and recognises the `n` orders; returns the figures and each order's finals. */
async function recogniseOrders(
  products: readonly CatalogueProduct[],
  spokenIndex: (i: number) => number,
  n: number,
  sameProducts: Record<string, string[]>,
  log: (line: string) => void,
  /** The recogniser's vocabulary: what the catalogue service hands the speech service, or every name in the file. */
  vocabulary: { readonly source: string; readonly phrases: readonly string[] } | undefined,
  voices: readonly string[],
  warps: readonly number[],
  /** What the caller says for order `i` naming `product` (its first six spoken words): the bench's carriers by default. */
  phrase: (product: CatalogueProduct, words: string, i: number) => string = (_, words, i) => `${CARRIERS[i % CARRIERS.length]} ${words}`,
): Promise<{ figures: RecognitionFigures; orders: SpokenOrder[] }> {
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

/** Creates the database, imports the subset with the catalogue CLI and starts the service. */
async function setUpCatalogue(catalogue: BenchStack, subset: readonly CatalogueProduct[], log: (line: string) => void): Promise<void> {
  const started = Date.now();
  await catalogue.createDatabase();
  const folder = mkdtempSync(join(tmpdir(), 'speech-bench-'));
  try {
    const file = join(folder, 'products.jsonl');
    writeFileSync(file, `${subset.map((product) => product.line).join('\n')}\n`);
    const report = await catalogue.importCatalogue(file, ['--currency', 'USD', '--duplicate-item-numbers', 'assign-new']);
    const summary = report.split('\n').find((line) => /created/.test(line))?.trim();
    log(`catalogue service: ${subset.length} products imported with the catalogue CLI${summary ? ` (${summary})` : ''}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  const gate = argument('mention-gate', '');
  const [sure, orderLed] = gate.split(',');
  const gateEnv: Record<string, string> = gate ? { MENTION_SURE_SCORE: sure, MENTION_ORDER_LED_SCORE: orderLed ?? sure } : {};
  await catalogue.start('catalogue', gateEnv);
  log(`catalogue service${gate ? ` (mention gate ${gate})` : ''}: healthy (database + import + start ${Date.now() - started} ms)`);
}

const percent = (share: number) => `${(100 * share).toFixed(1)} %`;

async function main(): Promise<void> {
  const cataloguePath = argument('catalogue', `${EVAL_DIR}/catalogue-en.jsonl`);
  const voices = argument('voices', [...ESPEAK_VOICES, ...FLITE_VOICES].join(',')).split(',').filter((voice) => voice.length > 0);
  const warps = parseWarps(argument('warps', DEFAULT_WARPS.join(',')));
  const n = Number(argument('n', String(ORDERS_PER_VOICE * voices.length)));
  const importTotal = Number(argument('products', '5000'));
  const json = flag('json');
  const log = json ? (line: string) => console.error(line) : (line: string) => console.log(line);
  const catalogueBuildExists = () => hasBuiltScript('catalogue', 'main.js') && hasBuiltScript('catalogue', 'cli/catalogue.cli.js');
  if (flag('match') && !catalogueBuildExists()) throw new Error('--match needs the catalogue build: run `node tools/build.mjs catalogue speech` first');
  const match = !flag('no-match') && catalogueBuildExists();
  if (!match && !flag('no-match')) log('top-5 matching skipped: no catalogue build (run `node tools/build.mjs catalogue speech` first)');

  const products = readCatalogue(cataloguePath);
  const spokenIndex = (i: number) => (i * 7919) % products.length;
  const catalogue = match ? new BenchStack({ adminUrl: ADMIN_URL, natsUrl: NATS_URL, label: 'speech' }) : undefined;
  const stop = () => void (catalogue?.dispose() ?? Promise.resolve()).finally(() => process.exit(130));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let matching: MatchingFigures | undefined;
  let byVoice: Record<string, MatchingFigures> | undefined;
  let byEngine: Record<string, MatchingFigures> | undefined;
  let misses: string[] = [];
  let recognition: RecognitionFigures;
  let productFree: { set: string; audioMs: number; lists: number; saidLists: number; recordings: number }[] = [];
  let listLines: string[] = [];
  let quantities: { found: number; right: number } | undefined;
  try {
    if (catalogue) {
      const spoken = new Set(Array.from({ length: n }, (_, i) => spokenIndex(i)));
      await setUpCatalogue(catalogue, importSubset(products, spoken, importTotal), log);
    }
    // The speech service's own path: its vocabulary is what the catalogue service answers
    // (names, brands, aliases of the products it holds); `--vocabulary file` uses every name in the file.
    let vocabulary: { source: string; phrases: string[] } | undefined;
    if (catalogue && argument('vocabulary', 'catalogue') === 'catalogue') {
      const bus = await MessageBus.connect({ servers: NATS_URL, prefix: catalogue.prefix, serviceName: 'speech-bench', streams: ALL_STREAMS });
      try {
        const reply = await bus.request(vocabularyGetV1, { language: 'en', limit: VOCABULARY_LIMIT }, { timeoutMs: 30_000 });
        if (!reply.ok) throw new Error(`vocabulary from the catalogue service: ${reply.code} ${reply.message}`);
        vocabulary = { source: `the catalogue service's (${importTotal} products)`, phrases: reply.phrases };
      } finally {
        await bus.close();
      }
    }
    const recognised = await recogniseOrders(products, spokenIndex, n, readSameProducts(cataloguePath), log, vocabulary, voices, warps, phrasingFor(argument('phrasings', 'carriers')));
    recognition = recognised.figures;
    if (catalogue) {
      const bus = await MessageBus.connect({ servers: NATS_URL, prefix: catalogue.prefix, serviceName: 'speech-bench', streams: ALL_STREAMS });
      try {
        // `--small-talk`: real people reading sentences that name no product, as calls of their own.
        const free = flag('small-talk') ? await recogniseFreeSpeech(vocabulary?.phrases ?? products.map((product) => product.name), warps) : { orders: [], audioMs: new Map<string, number>() };
        const all = await matchThroughCatalogue(bus, [...recognised.orders, ...free.orders]);
        const results = all.filter((result) => result.order.productId !== '');
        quantities = quantityFigures(results);
        productFree = productFreeFigures(all.filter((result) => result.order.productId === ''), free.audioMs);
        if (flag('lists')) listLines = describeLists(all);
        matching = matchingFigures(results);
        // The issue's goal is "with a US voice": each voice's share, and each engine's, apart.
        byVoice = Object.fromEntries(voices.map((voice) => [voice, matchingFigures(results.filter((result) => result.order.voice === voice))]));
        const engines = [...new Set(voices.map(engineOf))];
        byEngine = Object.fromEntries(engines.map((engine) => [engine, matchingFigures(results.filter((result) => engineOf(result.order.voice) === engine))]));
        const names = new Map(products.map((product) => [product.id, product.name]));
        if (flag('misses')) misses = describeMisses(results, (id) => names.get(id) ?? '?');
      } finally {
        await bus.close();
      }
    }
  } finally {
    await catalogue?.dispose();
  }

  if (json) {
    console.log(JSON.stringify({ catalogue: cataloguePath, utterances: n, importedProducts: match ? Math.min(importTotal, products.length) : undefined, ...recognition, matching, matchingByEngine: byEngine, matchingByVoice: byVoice, misses: flag('misses') ? misses : undefined }, null, 2));
    return;
  }
  log(`utterances: ${n} (voices ${voices.join(', ')}; ${SPEEDS.join('/')} wpm; ${argument('phrasings', 'carriers') === 'carriers' ? `carriers "${CARRIERS.join('", "')}"` : `phrasings: ${argument('phrasings', 'carriers')}`})`);
  log(`word error rate: ${percent(recognition.wordErrorRate)} (${Object.entries(recognition.wordErrorRateByEngine).map(([engine, rate]) => `${engine} ${percent(rate)}`).join(', ')})`);
  log(`product's last word heard: ${recognition.productHeard}/${n}`);
  log(`median latency, end of product name → first in a transcript: ${recognition.medianLatencyMs} ms (audio time, 100 ms chunks; an interim often holds the word before its sound has died away, hence 0)`);
  log(`median latency, end of product name → first final transcript holding it: ${recognition.medianFinalLatencyMs} ms (the end-of-utterance pause included)`);
  log(`CPU seconds per audio second: ${recognition.cpuPerAudioSecond.toFixed(3)}  → real-time streams per core: ${recognition.streamsPerCore.toFixed(1)}`);
  log(`decoder set-up: ${recognition.decoderSetupCpuMsPerCall.toFixed(0)} CPU ms once per call (not in the figure above; a 5-minute call amortises it to ${((recognition.decoderSetupCpuMsPerCall / 300_000) * 100).toFixed(2)} %)`);
  log(`greeting ("${GREETING}", decoded once per speaker warp until one is chosen): ${recognition.greetingCpuMsPerCall.toFixed(0)} CPU ms once per call (not in the figure above)`);
  log(`speaker warp chosen: ${Object.entries(recognition.speakerWarps).map(([engine, counts]) => `${engine} ${Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)).map(([warp, count]) => `${warp}×${count}`).join(' ')}`).join('; ')}`);
  if (matching) {
    log(`product matches (catalogue service, live matcher, ${Math.min(importTotal, products.length)} products): top-1 ${percent(matching.top1)}, top-5 ${percent(matching.top5)} (goal ≥ 80 %; ${percent(matching.top5SameProduct)} counting other listings of the same product)`);
    log(`  from the spoken text itself (a perfect recogniser): top-1 ${percent(matching.saidTop1)}, top-5 ${percent(matching.saidTop5)}`);
    for (const [engine, figures] of Object.entries(byEngine ?? {})) log(`  ${engine.padEnd(15)} top-1 ${percent(figures.top1)}, top-5 ${percent(figures.top5)} (${figures.utterances} utterances)`);
    for (const [voice, figures] of Object.entries(byVoice ?? {})) log(`    voice ${voice.padEnd(11)} top-1 ${percent(figures.top1)}, top-5 ${percent(figures.top5)} (${figures.utterances} utterances)`);
    if (quantities) log(`  quantity read right: ${quantities.right} of the ${quantities.found} orders whose product was in a top 5 (--phrasings ${argument('phrasings', 'carriers')})`);
    log(`  top-5 misses: ${matching.missesFromRecognition} lost in recognition (the spoken text matches), ${matching.missesFromMatching} in matching (the spoken text does not match either)`);
  }
  for (const row of productFree) {
    const minutes = row.audioMs / 60_000;
    log(`product-free real speech, ${row.set} (${row.recordings} recordings, ${(row.audioMs / 1000).toFixed(1)} s of audio): ${row.lists} candidate lists = ${(row.lists / minutes).toFixed(2)} per minute (goal ≤ 1); from the words actually said: ${row.saidLists}`);
  }
  for (const miss of misses) log(miss);
  for (const line of listLines) log(line);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
