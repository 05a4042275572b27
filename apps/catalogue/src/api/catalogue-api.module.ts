import { Module } from '@nestjs/common';
import { IndexingModule } from '../indexing/indexing.module';
import { ProductsModule } from '../products/products.module';
import { CatalogueAdminApiHandler } from './catalogue-admin-api.handler';
import { ProductsApiHandler } from './products-api.handler';

/** The catalogue's NATS request API: search, product by id and by item number, vocabulary; and the admin page's import upload and product edit. */
@Module({
  imports: [ProductsModule, IndexingModule],
  providers: [ProductsApiHandler, CatalogueAdminApiHandler],
})
export class CatalogueApiModule {}
