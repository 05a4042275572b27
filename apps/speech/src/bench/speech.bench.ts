import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { decodeMulaw } from '@callcart/audio';
import { PocketsphinxRecogniser } from '../pocketsphinx/pocketsphinx.recogniser';
import type { PocketsphinxSession } from '../pocketsphinx/pocketsphinx.session';
import { spokenWords } from '../pocketsphinx/spoken-text';
import type { Recognition } from '../recognition/recogniser';
import { concatAudio, speakToTelephone, telephoneSilence, toFrames } from '../recognition/telephone-speech';

/** The evaluation data, beside the repository (`../shared/eval`), or where CALLCART_EVAL_DIR says. */
const EVAL_DIR = process.env.CALLCART_EVAL_DIR ?? resolve(process.cwd(), '..', 'shared', 'eval');

/**
 * `npm run bench:speech -- --catalogue FILE [--n 100]`: spoken product orders made from the
 * catalogue with espeak-ng (voices, speeds, carrier phrases), through a telephone channel
 * (8 kHz µ-law), recognised by the real pocketsphinx recogniser with the whole catalogue as its
 * vocabulary. Prints word error rate, latency from the end of the product name to its first
 * appearance in a transcript, CPU per audio second and real-time streams per core.
 */
const VOICES = ['en-us', 'en-us+m3', 'en-us+f2', 'en-us+m7'];
const SPEEDS = [140, 160, 180];
const CARRIERS = ["I'd like", 'do you have', 'I want', 'can I get'];

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

/** A tiny JSONL reader: one product object per line, `name` used. */
function readCatalogueNames(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => (JSON.parse(line) as { name?: string }).name ?? '')
    .filter((name) => name.length > 0);
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

async function main(): Promise<void> {
  const cataloguePath = argument('catalogue', `${EVAL_DIR}/catalogue-en.jsonl`);
  const n = Number(argument('n', '100'));
  const names = readCatalogueNames(cataloguePath);
  const recogniser = new PocketsphinxRecogniser();
  let built = Date.now();
  let report = '';
  const withReport = new PocketsphinxRecogniser({
    onSearchBuilt: (search) => (report = `${search.wordCount} words, ${search.generatedWords} generated pronunciations`),
  });
  await withReport.updateVocabulary({ version: 'bench', language: 'en', phrases: names });
  await withReport.close();
  await recogniser.updateVocabulary({ version: 'bench', language: 'en', phrases: names });
  built = Date.now() - built;
  console.log(`catalogue: ${names.length} products (${report}); search built twice in ${built} ms`);

  let errors = 0;
  let referenceWords = 0;
  let audioMs = 0;
  let cpuMicros = 0;
  let productHeard = 0;
  const latencies: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const product = spokenWords(names[(i * 7919) % names.length]).slice(0, 6).join(' ');
    const carrier = CARRIERS[i % CARRIERS.length];
    const speech = await speakToTelephone(`${carrier} ${product}`, { voice: VOICES[i % VOICES.length], wordsPerMinute: SPEEDS[i % SPEEDS.length] });
    const audio = concatAudio(telephoneSilence(300), speech, telephoneSilence(800));
    const productEnd = 300 + speechEndMs(speech);
    const lastWord = product.split(' ').pop()!;
    let positionMs = 0;
    let firstSeenMs: number | undefined;
    const results: Recognition[] = [];
    const session = (await recogniser.start(`CAbench${i}`, {
      onRecognition: (recognition) => {
        results.push(recognition);
        if (firstSeenMs === undefined && recognition.text.split(' ').includes(lastWord)) firstSeenMs = positionMs;
      },
      onError: (error) => console.error(error),
    })) as PocketsphinxSession;
    const cpu = process.cpuUsage();
    const frames = toFrames(audio);
    for (let f = 0; f < frames.length; f += 5) {
      for (const frame of frames.slice(f, f + 5)) session.write(frame);
      await session.drained();
      positionMs += frames.slice(f, f + 5).length * 20;
    }
    await session.end();
    const used = process.cpuUsage(cpu);
    cpuMicros += used.user + used.system;
    audioMs += frames.length * 20;
    const hypothesis = results.filter((r) => r.kind === 'final').flatMap((r) => r.text.split(' '));
    const reference = spokenWords(`${carrier} ${product}`);
    errors += wordErrors(reference, hypothesis);
    referenceWords += reference.length;
    if (firstSeenMs !== undefined) {
      productHeard += 1;
      latencies.push(Math.max(0, firstSeenMs - productEnd));
    }
  }
  const cpuPerAudioSecond = cpuMicros / 1e6 / (audioMs / 1000);
  console.log(`utterances: ${n} (voices ${VOICES.join(', ')}; ${SPEEDS.join('/')} wpm; carriers "${CARRIERS.join('", "')}")`);
  console.log(`word error rate: ${((100 * errors) / referenceWords).toFixed(1)} %`);
  console.log(`product's last word heard: ${productHeard}/${n}`);
  console.log(`median latency, end of product name → first in a transcript: ${median(latencies)} ms (audio time, 100 ms chunks)`);
  console.log(`CPU seconds per audio second: ${cpuPerAudioSecond.toFixed(3)}  → real-time streams per core: ${(1 / cpuPerAudioSecond).toFixed(1)}`);
  console.log('top-5 product matches: n/a until matched through the catalogue');
  await recogniser.close();
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
