import type { Recogniser, RecognitionListener, RecognitionSession, Vocabulary } from '../recognition/recogniser';
import { buildCatalogueSearch, DEFAULT_MODEL_DIR, type CatalogueSearch } from './catalogue-search';
import { DecoderPool } from './decoder-pool';
import { PocketsphinxSession } from './pocketsphinx.session';

export interface PocketsphinxRecogniserOptions {
  readonly modelDir?: string;
  /** Pronunciations for words missing from the CMU dictionary (espeak-ng by default). */
  readonly generatePronunciations?: (words: readonly string[]) => Promise<Map<string, string>>;
  /** The frequency warps each call is tried with until the best fit is known (decision 0045); `[1]` turns it off. */
  readonly warps?: readonly number[];
  /** Called when setting up the spare decoders for the next call failed (it is retried). */
  readonly onDecoderSetUpFailure?: (error: unknown, failuresInARow: number) => void;
  /** Called when a vocabulary version is live, with what building its search found. */
  readonly onSearchBuilt?: (search: CatalogueSearch) => void;
}

/** The vocabulary before the catalogue has answered: small talk and carrier phrases only. */
const EMPTY_VOCABULARY: Vocabulary = { version: 'none', language: 'en', phrases: [] };

/**
 * The offline default: Debian's pocketsphinx with a trigram model and dictionary built from the
 * catalogue vocabulary (decision 0040). English only: the Debian and npm worlds have no Mandarin
 * model, so Chinese calls need the google provider.
 */
export class PocketsphinxRecogniser implements Recogniser {
  readonly provider = 'pocketsphinx' as const;
  private pool: DecoderPool | undefined;
  private building: Promise<void> = Promise.resolve();

  constructor(private readonly options: PocketsphinxRecogniserOptions = {}) {}

  currentVocabularyVersion(): string | undefined {
    return this.pool?.search.version;
  }

  /**
   * Builds the search for the new vocabulary (dictionary, generated pronunciations, model) and
   * swaps it in for new calls; calls in progress keep their decoders until they end. Updates
   * run one at a time, in the order they were asked for.
   */
  updateVocabulary(vocabulary: Vocabulary): Promise<void> {
    if (vocabulary.language !== 'en') {
      return Promise.reject(new Error(`pocketsphinx has an English model only; "${vocabulary.language}" needs SPEECH_PROVIDER=google`));
    }
    const next = this.building.then(async () => {
      const search = await buildCatalogueSearch({
        version: vocabulary.version,
        phrases: vocabulary.phrases,
        modelDir: this.options.modelDir,
        generate: this.options.generatePronunciations,
      });
      const pool = new DecoderPool(search, this.options.modelDir ?? DEFAULT_MODEL_DIR, this.options.warps, this.options.onDecoderSetUpFailure);
      // Warm one set of decoders so the first call after the swap does not pay the initialisation.
      await pool.warm();
      const previous = this.pool;
      this.pool = pool;
      previous?.retire();
      this.options.onSearchBuilt?.(search);
    });
    this.building = next.catch(() => undefined);
    return next;
  }

  /**
   * Resolves once fresh decoders are ready for the next call (their set-up done). For
   * benchmarks that measure decoding apart from the once-per-call set-up.
   */
  async spareReady(): Promise<void> {
    await this.pool?.warm();
  }

  async start(callId: string, listener: RecognitionListener): Promise<RecognitionSession> {
    if (!this.pool) await this.building;
    if (!this.pool) await this.updateVocabulary(EMPTY_VOCABULARY);
    const pool = this.pool!;
    const decoders = await pool.acquire();
    return new PocketsphinxSession(callId, pool.search.version, decoders, listener);
  }

  async close(): Promise<void> {
    await this.building;
    this.pool?.retire();
    this.pool = undefined;
  }
}
