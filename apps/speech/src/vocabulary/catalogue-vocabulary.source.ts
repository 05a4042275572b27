import { Logger } from '@nestjs/common';
import { reindexCompletedV1, vocabularyGetV1, type Language } from '@callcart/contracts';
import type { Listening, MessageBus } from '@callcart/messaging';
import type { Recogniser } from '../recognition/recogniser';

/**
 * Keeps the recogniser on the catalogue's current vocabulary: asks the catalogue at start
 * (retrying with backoff while it is not up: the service runs on small talk meanwhile) and
 * again whenever a reindex completes. Every worker hears every reindex (core fan-out).
 */
export class CatalogueVocabularySource {
  private readonly logger = new Logger(CatalogueVocabularySource.name);
  private listening: Listening | undefined;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly bus: MessageBus,
    private readonly recogniser: Recogniser,
    private readonly language: Language,
  ) {}

  async start(): Promise<void> {
    this.listening = await this.bus.subscribe(reindexCompletedV1, () => void this.refresh(0));
    void this.refresh(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    await this.listening?.stop();
  }

  private async refresh(attempt: number): Promise<void> {
    if (this.stopped) return;
    const reply = await this.bus.request(vocabularyGetV1, { language: this.language }, { correlationId: 'speech-vocabulary' });
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
