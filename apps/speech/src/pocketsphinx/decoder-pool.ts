import { mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_MODEL_DIR, type CatalogueSearch } from './catalogue-search';
import { PocketsphinxDecoder } from './pocketsphinx-native';
import { SpeakerDecoders } from './speaker-decoders';

const TELEPHONE_CMN_INIT = '44,22,-36,41,-22,1,10,-29,14,-17,0.5,5,-15';
const telephoneModels = new Map<string, string>();

/**
 * The acoustic model with the cepstral mean of upsampled telephone speech as its starting
 * point (the mean of human speech from pocketsphinx-testdata and of espeak-ng speech, both through a µ-law channel). The model's `feat.params`
 * overrides command-line options, so this is a directory of links to the model's files with its
 * own `feat.params`. Without it a call's first utterance is decoded against the wide-band mean.
 */
export function telephoneAcousticModel(modelDir = DEFAULT_MODEL_DIR): string {
  const known = telephoneModels.get(modelDir);
  if (known) return known;
  const source = join(modelDir, 'en-us');
  const target = mkdtempSync(join(tmpdir(), 'callcart-am-'));
  for (const file of readdirSync(source)) {
    if (file !== 'feat.params') symlinkSync(join(source, file), join(target, file));
  }
  const params = readFileSync(join(source, 'feat.params'), 'utf8').replace(/^-cmninit .*$/m, `-cmninit ${TELEPHONE_CMN_INIT}`);
  writeFileSync(join(target, 'feat.params'), params.includes('-cmninit') ? params : `${params}\n-cmninit ${TELEPHONE_CMN_INIT}\n`);
  telephoneModels.set(modelDir, target);
  return target;
}

/**
 * Decoder settings: the catalogue model and dictionary, a shorter end-of-speech hangover than
 * pocketsphinx's default (a final 0.3 s after the caller stops rather than 0.5 s); logging is off (see `load` in pocketsphinx-native).
 * The search is cut for throughput (decision 0042): no second flat-lexicon pass, at most 10 word
 * exits per frame and 3,000 active HMMs per frame — 23 real-time streams per core instead of 14,
 * for +1.6 points of word error rate; the beams stay at their defaults (narrower ones cost far more).
 */
export function decoderOptions(search: CatalogueSearch, modelDir = DEFAULT_MODEL_DIR, warp = 1): Record<string, string> {
  const warping: Record<string, string> = warp === 1 ? {} : { warp_type: 'inverse_linear', warp_params: String(warp) };
  return {
    ...warping,
    hmm: telephoneAcousticModel(modelDir),
    lm: search.languageModelPath,
    dict: search.dictionaryPath,
    vad_postspeech: '30',
    vad_prespeech: '20',
    fwdflat: 'no',
    maxwpf: '10',
    maxhmmpf: '3000',
  };
}

/** The frequency warps a call is tried with by default (speaker normalisation; decision 0045). */
export const DEFAULT_WARPS: readonly number[] = [0.9, 1, 1.1, 1.2, 1.3];
const MAX_WARPS = 8;

/** Reads a list of warps ("0.9,1,1.1"): 1 to 8 distinct factors between 0.7 and 1.5; throws saying what is wrong. */
export function parseWarps(list: string): number[] {
  const warps = [...new Set(list.split(',').map((factor) => (factor.trim() === '' ? NaN : Number(factor))))];
  if (warps.length > MAX_WARPS) throw new Error(`at most ${MAX_WARPS} warps, got ${warps.length}`);
  const bad = warps.find((warp) => !(warp >= 0.7 && warp <= 1.5));
  if (bad !== undefined) throw new Error(`each warp must be a number between 0.7 and 1.5 (e.g. 0.9,1,1.1), got "${list}"`);
  return warps;
}

/**
 * The decoders of one vocabulary version. A call takes a fresh set, one decoder per warp (see
 * {@link SpeakerDecoders}), for its duration; afterwards each is freed, never handed to the next
 * call, because a decoder adapts its cepstral mean to the caller's line and voice and that would
 * carry over into another caller's first words. To keep call start fast the pool keeps one fresh
 * set ready, made in the background. When a newer version replaces this pool it is retired:
 * decoders still in calls are freed when those calls end, and the search files are removed after
 * the last one.
 */
export class DecoderPool {
  private readonly idle: SpeakerDecoders[] = [];
  /** Decoders made and not yet freed: in calls and in the spare set. */
  private live = 0;
  private retired = false;
  private preparing: Promise<void> | undefined;
  /** Spare sets that failed in a row: the next attempt waits longer. */
  private failures = 0;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    readonly search: CatalogueSearch,
    private readonly modelDir = DEFAULT_MODEL_DIR,
    readonly warps: readonly number[] = DEFAULT_WARPS,
    /** Told of every failed spare set (then retried after 0.5 s, doubling up to 30 s): logs and metrics. */
    private readonly onSetUpFailure: (error: unknown, failuresInARow: number) => void = () => undefined,
  ) {
    if (warps.length === 0) throw new Error('at least one warp is needed');
  }

  async acquire(): Promise<SpeakerDecoders> {
    if (this.retired) throw new Error(`decoder pool of vocabulary ${this.search.version} is retired`);
    const decoders = this.idle.pop() ?? (await this.create());
    this.prepareSpare();
    return decoders;
  }

  /** Resolves once a fresh set of decoders is ready for the next call. */
  async warm(): Promise<void> {
    this.prepareSpare();
    await this.preparing;
  }

  /** Makes sure one fresh set of decoders waits for the next call. */
  prepareSpare(): void {
    if (this.retired || this.idle.length > 0 || this.preparing || this.retry) return;
    this.preparing = this.create()
      .then((decoders) => {
        this.failures = 0;
        if (this.retired) decoders.free();
        else this.idle.push(decoders);
      })
      .catch((error: unknown) => {
        // Not swallowed: reported, and tried again later (a call meanwhile makes its own set and says why it failed).
        this.failures += 1;
        this.onSetUpFailure(error, this.failures);
        if (this.retired) return;
        this.retry = setTimeout(() => {
          this.retry = undefined;
          this.prepareSpare();
        }, Math.min(30_000, 500 * 2 ** (this.failures - 1)));
        this.retry.unref();
      })
      .finally(() => {
        this.preparing = undefined;
        this.cleanUpIfDone();
      });
  }

  /** Makes one decoder per warp (initialised one at a time: see `PocketsphinxDecoder.create`). */
  private async create(): Promise<SpeakerDecoders> {
    const made: { warp: number; decoder: PocketsphinxDecoder }[] = [];
    try {
      for (const warp of this.warps) {
        const decoder = await PocketsphinxDecoder.create(decoderOptions(this.search, this.modelDir, warp));
        this.live += 1;
        made.push({ warp, decoder });
      }
    } catch (error) {
      for (const { decoder } of made) this.releaseOne(decoder);
      throw error;
    }
    return new SpeakerDecoders(made, (decoder) => this.releaseOne(decoder));
  }

  /** Frees one decoder of a call (or of a spare set), healthy or not. */
  private releaseOne(decoder: PocketsphinxDecoder): void {
    this.live -= 1;
    decoder.free();
    this.cleanUpIfDone();
  }

  /** No new calls from here on; resources go once the calls in progress end. */
  retire(): void {
    this.retired = true;
    if (this.retry) clearTimeout(this.retry);
    for (const decoders of this.idle.splice(0)) decoders.free();
    this.cleanUpIfDone();
  }

  private cleanUpIfDone(): void {
    if (this.retired && this.live === 0 && !this.preparing) this.search.remove();
  }
}
