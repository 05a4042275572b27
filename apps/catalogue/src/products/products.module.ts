import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProductStore } from './product.store';
import { ProductImport } from './import/product-import.service';
import { CatalogueFileRowSource } from './import/catalogue-file.row-source';

/** The products table: reads for the API and the index, and the import that writes it. */
@Module({
  providers: [
    { provide: ProductStore, inject: [DataSource], useFactory: (dataSource: DataSource) => new ProductStore(dataSource) },
    {
      provide: ProductImport,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => new ProductImport(dataSource, new CatalogueFileRowSource()),
    },
  ],
  exports: [ProductStore, ProductImport],
})
export class ProductsModule {}
