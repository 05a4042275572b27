import { type DynamicModule, Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { ServiceKitModule } from '@callcart/service-kit';
import { recogniserProvider } from './recogniser.provider';
import { SPEECH_CONFIG_TOKEN } from './speech-config.token';
import type { SpeechConfig } from './speech.config';
import { SpeechMetrics } from './transcription/speech.metrics';
import { SpeechWorkerService } from './transcription/speech-worker.service';

/** The speech service: claims calls, recognises their audio, publishes their transcripts. */
@Module({})
export class AppModule {
  static register(config: SpeechConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceKitModule.forRoot(config.service)],
      providers: [
        { provide: SPEECH_CONFIG_TOKEN, useValue: config },
        { provide: SpeechMetrics, inject: [Registry], useFactory: (registry: Registry) => new SpeechMetrics(registry) },
        recogniserProvider(config),
        SpeechWorkerService,
      ],
    };
  }
}
