import { Module } from '@nestjs/common';
import { IndexingModule } from '../indexing/indexing.module';
import { ProductsModule } from '../products/products.module';
import { ProductsApiHandler } from './products-api.handler';

/** The catalogue's NATS request API: search, product by id and by item number, vocabulary. */
@Module({
  imports: [ProductsModule, IndexingModule],
  providers: [ProductsApiHandler],
})
export class CatalogueApiModule {}
