import { resolve } from 'node:path';
import { ALL_STREAMS } from '@callcart/contracts';
import { BenchStack, hasBuiltScript } from '@callcart/benchmarking';
import { MessageBus } from '@callcart/messaging';
import { DEFAULT_WARPS, parseWarps } from '../pocketsphinx/decoder-pool';
import { catalogueVocabulary, importSubset, readCatalogue, readSameProducts, setUpCatalogue } from './bench-catalogue';
import { CARRIERS, phrasingFor, quantityFigures } from './bench-phrasings';
import { describeLists, describeMisses, matchingFigures, matchThroughCatalogue, type MatchingFigures } from './live-product-matching';
import { engineOf, ESPEAK_VOICES, FLITE_VOICES, GREETING, recogniseOrders, SPEEDS, type RecognitionFigures } from './order-recognition';
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
 *
 * The parts: bench-catalogue.ts (the products and the catalogue service), order-recognition.ts
 * (the spoken calls through pocketsphinx), live-product-matching.ts (matching through the
 * service), bench-phrasings.ts (what the callers say), product-free-speech.ts (`--small-talk`).
 */

/** Orders per voice by default: 30 (a share near 85 % then has a standard error of ~7 points per voice, ~4 per engine). */
const ORDERS_PER_VOICE = 30;

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

function flag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

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
      await setUpCatalogue(catalogue, importSubset(products, spoken, importTotal), argument('mention-gate', ''), log);
    }
    // The speech service's own path: its vocabulary is what the catalogue service answers;
    // `--vocabulary file` uses every name in the file.
    const vocabulary =
      catalogue && argument('vocabulary', 'catalogue') === 'catalogue'
        ? { source: `the catalogue service's (${importTotal} products)`, phrases: await catalogueVocabulary(catalogue, NATS_URL) }
        : undefined;
    const recognised = await recogniseOrders({
      products,
      spokenIndex,
      n,
      sameProducts: readSameProducts(cataloguePath),
      vocabulary,
      voices,
      warps,
      phrase: phrasingFor(argument('phrasings', 'carriers')),
      log,
    });
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
