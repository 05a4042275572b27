import { Logger } from '@nestjs/common';
import { productChangedV1, reindexCompletedV1, vocabularyGetV1, type Language } from '@callcart/contracts';
import type { Listening, MessageBus } from '@callcart/messaging';
import type { Recogniser } from '../recognition/recogniser';

/** As many phrases as the vocabulary request allows. */
export const VOCABULARY_LIMIT = 20_000;

/**
 * Keeps the recogniser on the catalogue's current vocabulary: asks the catalogue at start
 * (retrying with backoff while it is not up: the service runs on small talk meanwhile) and
 * again whenever a reindex completes or products change (an import, an edit: refreshed once the
 * changes have settled, so a 25,000-row import rebuilds the search once, not 25,000 times). Every
 * worker hears every reindex and change (core fan-out).
 */
export class CatalogueVocabularySource {
  private readonly logger = new Logger(CatalogueVocabularySource.name);
  private listening: Listening | undefined;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;
  private settle: NodeJS.Timeout | undefined;
  private changedSince: number | undefined;
  private productChanges: Listening | undefined;

  constructor(
    private readonly bus: MessageBus,
    private readonly recogniser: Recogniser,
    private readonly language: Language,
    /** Quiet time after the last product change before the vocabulary is refreshed. */
    private readonly settleMs = 3000,
    /** Refresh at the latest this long after the first of a stream of changes. */
    private readonly maxWaitMs = 60_000,
  ) {}

  async start(): Promise<void> {
    this.listening = await this.bus.subscribe(reindexCompletedV1, () => void this.refresh(0));
    this.productChanges = await this.bus.subscribe(productChangedV1, () => this.productsChanged());
    void this.refresh(0);
  }

  private productsChanged(): void {
    const now = Date.now();
    this.changedSince ??= now;
    if (this.settle) clearTimeout(this.settle);
    const wait = Math.max(0, Math.min(this.settleMs, this.changedSince + this.maxWaitMs - now));
    this.settle = setTimeout(() => {
      this.changedSince = undefined;
      this.settle = undefined;
      void this.refresh(0);
    }, wait);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.settle) clearTimeout(this.settle);
    await this.listening?.stop();
    await this.productChanges?.stop();
  }

  private async refresh(attempt: number): Promise<void> {
    if (this.stopped) return;
    // The whole catalogue (up to the contract's 20,000 phrases): the recogniser cannot say a word
    // it does not know; Google's phrase hints are cut to its own limits by the adapter.
    const reply = await this.bus.request(
      vocabularyGetV1,
      { language: this.language, limit: VOCABULARY_LIMIT },
      { correlationId: 'speech-vocabulary', timeoutMs: 30_000 },
    );
    if (!reply.ok) {
      const delay = Math.min(30_000, 1000 * 2 ** attempt);
      this.logger.warn({ msg: 'catalogue vocabulary not available yet: retrying', code: reply.code, retryInMs: delay });
      this.retry = setTimeout(() => void this.refresh(attempt + 1), delay);
      return;
    }
    if (reply.version === this.recogniser.currentVocabularyVersion()) return;
    try {
      await this.recogniser.updateVocabulary({ version: reply.version, language: this.language, phrases: reply.phrases });
      this.logger.log({ msg: 'vocabulary live for new calls', version: reply.version, phrases: reply.phrases.length });
    } catch (error) {
      this.logger.error({ msg: 'vocabulary could not be applied', version: reply.version, err: error });
    }
  }
}
