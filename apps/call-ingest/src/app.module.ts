import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceKitModule } from '@callcart/service-kit';
import type { CallIngestConfig } from './call-ingest.config';

/** The call-ingest service: shared plumbing now, its domain modules as their issues land. */
@Module({})
export class AppModule {
  static register(config: CallIngestConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceKitModule.forRoot(config.service)],
    };
  }
}
