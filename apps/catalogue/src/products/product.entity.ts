import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Language } from '@callcart/contracts';

/** PostgreSQL returns bigint as text; prices and revisions stay far below 2^53, so numbers are safe. */
const bigintAsNumber = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * A product the merchant sells, as imported. The database is the source of truth; every search
 * index (embedded or Meilisearch) is built from these rows.
 */
@Entity({ name: 'product' })
export class ProductEntity {
  /** The merchant's own id, or a generated uuid when the import row had none. */
  @PrimaryColumn({ type: 'text' })
  id!: string;

  /** The item number, unique regardless of case. */
  @Column({ type: 'text' })
  sku!: string;

  /** True when callcart assigned the item number (the row came without one). */
  @Column({ name: 'sku_assigned', type: 'boolean', default: false })
  skuAssigned!: boolean;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  brand!: string | null;

  @Column({ type: 'text', nullable: true })
  category!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  aliases!: string[];

  /** Integer minor units (fen, cents); null = listed without a price, findable but not orderable. */
  @Column({ name: 'price_minor', type: 'bigint', nullable: true, transformer: bigintAsNumber })
  priceMinor!: number | null;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'text' })
  language!: Language;

  /** Taken from `product_revision_seq` on every write: replicas catch up on `revision > N`. */
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  revision!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
