import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceKitModule } from '@callcart/service-kit';
import type { CatalogueConfig } from './catalogue.config';
import { catalogueDatabase } from './catalogue.database';

/** The catalogue service: shared plumbing now, its domain modules as their issues land. */
@Module({})
export class AppModule {
  static register(config: CatalogueConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceKitModule.forRoot(config.service, catalogueDatabase)],
    };
  }
}
