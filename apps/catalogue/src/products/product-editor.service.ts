import type { DataSource } from 'typeorm';
import type { ProductUpdateRequestV1 } from '@callcart/contracts';
import { schemaOf } from '@callcart/service-kit';
import { currencyExponent } from '../catalogue-file/product-record.schema';
import type { ProductChange } from './import/import-report';
import { ProductEntity } from './product.entity';
import { lockProductWrites } from './product.store';
import { toProductSummary } from './product-views';

/** The fields a catalogue manager may change on one product (only those given change). */
export type ProductEdit = ProductUpdateRequestV1['changes'];

/** No product has this id. */
export class ProductNotFoundError extends Error {
  constructor(readonly productId: string) {
    super(`no product ${productId}`);
  }
}

/** The edit passed the contract but not the catalogue's rules (an unknown currency, say). */
export class InvalidProductEditError extends Error {}

/** What an edit did: the product as it now is, and the change to announce (none if nothing differed). */
export interface ProductEditOutcome {
  readonly product: ProductEntity;
  readonly change: ProductChange | undefined;
}

/**
 * Edits one product from the admin page the way an import writes it: under the product-write
 * lock (so revisions commit in order and replicas' "changed after revision N" never skips one),
 * the row locked, the given fields applied with the import's rules (aliases trimmed, deduplicated,
 * not the name itself; integer minor units in a known currency), a new revision from
 * `product_revision_seq`, all in one transaction. The caller announces the change after commit.
 */
export class ProductEditor {
  constructor(private readonly dataSource: DataSource) {}

  async edit(productId: string, edit: ProductEdit): Promise<ProductEditOutcome> {
    return this.dataSource.transaction(async (manager) => {
      await lockProductWrites(manager);
      const repository = manager.getRepository(ProductEntity);
      const before = await repository.findOne({ where: { id: productId }, lock: { mode: 'pessimistic_write' } });
      if (!before) throw new ProductNotFoundError(productId);
      const after = applyEdit(before, edit);
      if (sameEditableFields(before, after)) return { product: before, change: undefined };
      const schema = schemaOf(manager);
      await manager.query(
        `UPDATE "${schema}"."product" SET "name" = $2, "brand" = $3, "category" = $4, "aliases" = $5::text[], "price_minor" = $6,
           "currency" = $7, "active" = $8, "revision" = nextval('"${schema}"."product_revision_seq"'), "updated_at" = now()
         WHERE "id" = $1`,
        [productId, after.name, after.brand, after.category, after.aliases, after.priceMinor, after.currency, after.active],
      );
      const product = await repository.findOneByOrFail({ id: productId });
      const change: ProductChange = {
        change: before.active && !product.active ? 'deactivated' : 'updated',
        product: toProductSummary(product),
        revision: product.revision,
        changedAt: product.updatedAt.toISOString(),
      };
      return { product, change };
    });
  }
}

type EditableFields = Pick<ProductEntity, 'name' | 'brand' | 'category' | 'aliases' | 'priceMinor' | 'currency' | 'active'>;

/** The product's editable fields with the edit applied and checked as the import checks a row. */
function applyEdit(before: ProductEntity, edit: ProductEdit): EditableFields {
  const name = edit.name ?? before.name;
  let priceMinor = before.priceMinor;
  let currency = before.currency;
  if (edit.price === null) priceMinor = null;
  else if (edit.price !== undefined) {
    try {
      currencyExponent(edit.price.currency);
    } catch {
      throw new InvalidProductEditError(`price: unknown currency ${edit.price.currency}`);
    }
    if (!Number.isSafeInteger(edit.price.amountMinor) || edit.price.amountMinor < 0) {
      throw new InvalidProductEditError('price: amountMinor must be a non-negative integer');
    }
    priceMinor = edit.price.amountMinor;
    currency = edit.price.currency;
  }
  const aliases = edit.aliases === undefined ? before.aliases : normaliseAliases(edit.aliases, name);
  return {
    name,
    brand: edit.brand === undefined ? before.brand : edit.brand,
    category: edit.category === undefined ? before.category : edit.category,
    aliases,
    priceMinor,
    currency,
    active: edit.active ?? before.active,
  };
}

/** As the import does: trimmed, blank and over-long ones dropped, each once, never the name itself. */
export function normaliseAliases(aliases: readonly string[], name: string): string[] {
  const kept = aliases.map((alias) => alias.trim()).filter((alias) => alias.length > 0 && alias.length <= 200 && alias !== name);
  return [...new Set(kept)];
}

function sameEditableFields(before: ProductEntity, after: EditableFields): boolean {
  return (
    before.name === after.name &&
    before.brand === after.brand &&
    before.category === after.category &&
    before.priceMinor === after.priceMinor &&
    before.currency === after.currency &&
    before.active === after.active &&
    before.aliases.length === after.aliases.length &&
    before.aliases.every((alias, i) => alias === after.aliases[i])
  );
}
