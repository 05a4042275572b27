import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceKitModule } from '@callcart/service-kit';
import { CatalogueApiModule } from './api/catalogue-api.module';
import type { CatalogueConfig } from './catalogue.config';
import { catalogueDatabase } from './catalogue.database';
import { CatalogueSettingsModule } from './catalogue-settings.module';
import { IndexingModule } from './indexing/indexing.module';
import { LiveMatchingModule } from './live-matching/live-matching.module';
import { ProductsModule } from './products/products.module';

/**
 * The catalogue service: products in PostgreSQL, this replica's search index (built from them
 * at start, kept in step, swapped on reindex), the request API and live matching of what
 * callers say and key in.
 */
@Module({})
export class AppModule {
  static register(config: CatalogueConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forRoot(config.service, catalogueDatabase),
        CatalogueSettingsModule.register(config.catalogue),
        ProductsModule,
        IndexingModule,
        CatalogueApiModule,
        LiveMatchingModule,
      ],
    };
  }
}
