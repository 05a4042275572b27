import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceKitModule } from '@callcart/service-kit';
import type { SpeechConfig } from './speech.config';

/** The speech service: shared plumbing now, its domain modules as their issues land. */
@Module({})
export class AppModule {
  static register(config: SpeechConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceKitModule.forRoot(config.service)],
    };
  }
}
