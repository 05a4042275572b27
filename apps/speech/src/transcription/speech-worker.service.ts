import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { MessageBus } from '@callcart/messaging';
import type { Recogniser } from '../recognition/recogniser';
import { RECOGNISER_TOKEN } from '../recogniser.provider';
import { SPEECH_CONFIG_TOKEN } from '../speech-config.token';
import type { SpeechConfig } from '../speech.config';
import { CatalogueVocabularySource } from '../vocabulary/catalogue-vocabulary.source';
import { CallTranscriber } from './call-transcriber';
import { SpeechMetrics } from './speech.metrics';

/** Runs this process's speech worker for the application's lifetime. */
@Injectable()
export class SpeechWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly transcriber: CallTranscriber;
  private readonly vocabulary: CatalogueVocabularySource;

  constructor(
    @Inject(MessageBus) bus: MessageBus,
    @Inject(SPEECH_CONFIG_TOKEN) config: SpeechConfig,
    @Inject(RECOGNISER_TOKEN) private readonly recogniser: Recogniser,
    @Inject(SpeechMetrics) metrics: SpeechMetrics,
  ) {
    this.transcriber = new CallTranscriber(bus, this.recogniser, {
      workerId: config.workerId,
      language: config.language,
      claimTtlMs: config.claimTtlMs,
      audioIdleMs: config.audioIdleMs,
      maxAgentSessions: config.maxAgentSessions,
      metrics,
    });
    this.vocabulary = new CatalogueVocabularySource(bus, this.recogniser, config.language);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.vocabulary.start();
    await this.transcriber.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.vocabulary.stop();
    await this.transcriber.stop();
    await this.recogniser.close();
  }
}
