import type { DatabaseSpec } from '@callcart/service-kit';
import { CreateProducts1764200000000 } from './migrations/1764200000000-create-products.migration';
import { ProductEntity } from './products/product.entity';

/** The catalogue service's own schema: its products, migrated at start. */
export const catalogueDatabase: DatabaseSpec = {
  schema: 'catalogue',
  entities: [ProductEntity],
  migrations: [CreateProducts1764200000000],
};
