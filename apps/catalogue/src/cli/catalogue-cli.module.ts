import { type DynamicModule, Module } from '@nestjs/common';
import { ServiceKitModule } from '@callcart/service-kit';
import type { CatalogueConfig } from '../catalogue.config';
import { catalogueDatabase } from '../catalogue.database';
import { ProductsModule } from '../products/products.module';

/**
 * What the command-line tool needs, without the service's index or handlers: the database
 * (migrated, as the service would) and the message bus, to import and announce products.
 */
@Module({})
export class CatalogueCliModule {
  static register(config: CatalogueConfig, options: { database: boolean }): DynamicModule {
    return {
      module: CatalogueCliModule,
      imports: options.database
        ? [ServiceKitModule.forRoot(config.service, catalogueDatabase), ProductsModule]
        : [ServiceKitModule.forRoot({ ...config.service, database: undefined })],
    };
  }
}
