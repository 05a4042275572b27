import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Language } from '@callcart/contracts';
import { schemaOf } from '@callcart/service-kit';
import { ProductEntity } from '../product.entity';
import type { ProductRecord } from '../../catalogue-file/product-record.schema';
import { lockProductWrites } from '../product.store';
import { toProductSummary } from '../product-views';
import type { ProductChange, RejectedRow } from './import-report';

/** A valid row of an import file, in the shape the products table takes: the reader's record. */
export type ProductDraft = ProductRecord;

export interface DraftRow {
  readonly line: number;
  readonly draft: ProductDraft;
}

/** What to do with a row whose item number another product already has. */
export type DuplicateItemNumberPolicy = 'reject' | 'assign-new';

/** What one committed batch did. */
export interface BatchOutcome {
  readonly changes: ProductChange[];
  readonly unchanged: number;
  readonly rejected: RejectedRow[];
  /** Rows imported with an assigned item number because theirs was taken (policy `assign-new`). */
  readonly notes: RejectedRow[];
}

interface PlannedRow {
  id: string;
  sku: string;
  sku_assigned: boolean;
  name: string;
  brand: string | null;
  category: string | null;
  aliases: readonly string[];
  price_minor: number | null;
  currency: string;
  active: boolean;
  language: Language;
}

const RECORD_COLUMNS =
  'id text, sku text, sku_assigned boolean, name text, brand text, category text, aliases jsonb, price_minor bigint, currency text, active boolean, language text';

/**
 * Writes one batch of import rows inside the caller's transaction: upsert by product id, else by
 * item number; rows without an item number get the next free one from `item_number_seq`. A row
 * whose item number belongs to another product is rejected with the reason (or, with policy
 * `assign-new`, imported under an assigned number) — unless callcart had assigned that number
 * itself: the merchant's own item number wins, and the other product gets a new one. All rows of
 * a batch are written with three statements, so a batch of 500 costs milliseconds.
 */
export class ImportBatchWriter {
  async writeBatch(manager: EntityManager, rows: readonly DraftRow[], policy: DuplicateItemNumberPolicy = 'reject'): Promise<BatchOutcome> {
    await lockProductWrites(manager);
    const repository = manager.getRepository(ProductEntity);
    const ids = rows.flatMap((row) => (row.draft.id ? [row.draft.id] : []));
    const skus = rows.flatMap((row) => (row.draft.sku ? [row.draft.sku.toLowerCase()] : []));
    const byId = new Map<string, ProductEntity>();
    const bySku = new Map<string, ProductEntity>();
    if (ids.length > 0) for (const product of await repository.createQueryBuilder('p').where('p.id = ANY(:ids)', { ids }).getMany()) byId.set(product.id, product);
    if (skus.length > 0) {
      const owners = await repository.createQueryBuilder('p').where('lower(p.sku) = ANY(:skus)', { skus }).getMany();
      for (const product of owners) bySku.set(product.sku.toLowerCase(), product);
    }
    for (const product of byId.values()) bySku.set(product.sku.toLowerCase(), product);

    const inserts: PlannedRow[] = [];
    const updates: PlannedRow[] = [];
    const renumbered: PlannedRow[] = [];
    const plannedLine = new Map<string, number>();
    const rejected: RejectedRow[] = [];
    const notes: RejectedRow[] = [];
    const previous = new Map<string, ProductEntity>();
    let unchanged = 0;
    for (const { line, draft: given } of rows) {
      let draft = given;
      const existing = draft.id ? byId.get(draft.id) : draft.sku ? bySku.get(draft.sku.toLowerCase()) : undefined;
      const id = existing?.id ?? draft.id ?? randomUUID();
      if (plannedLine.has(id)) {
        rejected.push({ line, reason: `product ${id} is already changed by line ${plannedLine.get(id)} of this file` });
        continue;
      }
      const owner = draft.sku ? bySku.get(draft.sku.toLowerCase()) : undefined;
      if (owner && owner.id !== id) {
        if (owner.skuAssigned && !plannedLine.has(owner.id)) {
          previous.set(owner.id, owner);
          renumbered.push({ ...plannedFrom(owner), sku: '' });
          plannedLine.set(owner.id, line);
          bySku.delete(owner.sku.toLowerCase());
        } else if (policy === 'assign-new') {
          notes.push({ line, reason: `item number "${draft.sku}" belongs to product ${owner.id}: imported with a new item number` });
          draft = { ...draft, sku: null };
        } else {
          rejected.push({ line, reason: `item number "${draft.sku}" already belongs to product ${owner.id}` });
          continue;
        }
      }
      const planned: PlannedRow = {
        id,
        sku: draft.sku ?? existing?.sku ?? '',
        sku_assigned: draft.sku ? false : (existing?.skuAssigned ?? true),
        name: draft.name,
        brand: draft.brand,
        category: draft.category,
        aliases: draft.aliases,
        price_minor: draft.priceMinor,
        currency: draft.currency,
        active: draft.active,
        language: draft.language,
      };
      if (existing && sameProduct(existing, planned)) {
        unchanged += 1;
        continue;
      }
      plannedLine.set(id, line);
      if (planned.sku) bySku.set(planned.sku.toLowerCase(), { ...(existing ?? ({} as ProductEntity)), id, sku: planned.sku, skuAssigned: planned.sku_assigned });
      if (existing) {
        previous.set(id, existing);
        updates.push(planned);
      } else {
        inserts.push(planned);
      }
    }
    const claimed = new Set([...inserts, ...updates].flatMap((row) => (row.sku ? [row.sku.toLowerCase()] : [])));
    await this.assignItemNumbers(manager, [...renumbered, ...inserts.filter((row) => !row.sku)], claimed);
    const written = [
      ...(await this.write(manager, 'update', renumbered)),
      ...(await this.write(manager, 'insert', inserts)),
      ...(await this.write(manager, 'update', updates)),
    ];
    const changes = written.map((product): ProductChange => {
      const before = previous.get(product.id);
      const change = !before ? 'created' : before.active && !product.active ? 'deactivated' : 'updated';
      return { change, product: toProductSummary(product), revision: product.revision, changedAt: product.updatedAt.toISOString() };
    });
    changes.sort((a, b) => a.revision - b.revision);
    return { changes, unchanged, rejected, notes };
  }

  /** Numbers from the sequence, skipping any a product has or a row of this batch claims. */
  private async assignItemNumbers(manager: EntityManager, rows: PlannedRow[], claimed: ReadonlySet<string>): Promise<void> {
    const schema = schemaOf(manager);
    let pending = rows;
    while (pending.length > 0) {
      const numbers: { n: string }[] = await manager.query(
        `SELECT nextval('"${schema}"."item_number_seq"')::text AS n FROM generate_series(1, $1)`,
        [pending.length],
      );
      const candidates = numbers.map(({ n }) => n);
      const taken: { sku: string }[] = await manager.query(
        `SELECT lower("sku") AS sku FROM "${schema}"."product" WHERE lower("sku") = ANY($1)`,
        [candidates],
      );
      const takenSet = new Set(taken.map(({ sku }) => sku));
      const free = candidates.filter((candidate) => !takenSet.has(candidate) && !claimed.has(candidate));
      const assigned = pending.slice(0, free.length);
      assigned.forEach((row, i) => (row.sku = free[i]));
      pending = pending.slice(free.length);
    }
  }

  private async write(manager: EntityManager, kind: 'insert' | 'update', rows: PlannedRow[]): Promise<ProductEntity[]> {
    if (rows.length === 0) return [];
    const schema = schemaOf(manager);
    const table = `"${schema}"."product"`;
    const aliases = `ARRAY(SELECT jsonb_array_elements_text(r.aliases))`;
    const sql =
      kind === 'insert'
        ? `INSERT INTO ${table} ("id", "sku", "sku_assigned", "name", "brand", "category", "aliases", "price_minor", "currency", "active", "language")
           SELECT r.id, r.sku, r.sku_assigned, r.name, r.brand, r.category, ${aliases}, r.price_minor, r.currency, r.active, r.language
           FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(doc, ord), jsonb_to_record(e.doc) AS r(${RECORD_COLUMNS}) ORDER BY e.ord
           RETURNING "id"`
        : `UPDATE ${table} p SET "sku" = r.sku, "sku_assigned" = r.sku_assigned, "name" = r.name, "brand" = r.brand,
             "category" = r.category, "aliases" = ${aliases}, "price_minor" = r.price_minor, "currency" = r.currency,
             "active" = r.active, "language" = r.language,
             "revision" = nextval('"${schema}"."product_revision_seq"'), "updated_at" = now()
           FROM jsonb_to_recordset($1::jsonb) AS r(${RECORD_COLUMNS}) WHERE p.id = r.id
           RETURNING p."id"`;
    await manager.query(sql, [JSON.stringify(rows)]);
    return manager
      .getRepository(ProductEntity)
      .createQueryBuilder('p')
      .where('p.id = ANY(:ids)', { ids: rows.map((row) => row.id) })
      .getMany();
  }
}

function plannedFrom(product: ProductEntity): PlannedRow {
  return {
    id: product.id,
    sku: product.sku,
    sku_assigned: product.skuAssigned,
    name: product.name,
    brand: product.brand,
    category: product.category,
    aliases: product.aliases,
    price_minor: product.priceMinor,
    currency: product.currency,
    active: product.active,
    language: product.language,
  };
}

function sameProduct(existing: ProductEntity, planned: PlannedRow): boolean {
  return (
    existing.sku === planned.sku &&
    existing.name === planned.name &&
    existing.brand === planned.brand &&
    existing.category === planned.category &&
    existing.priceMinor === planned.price_minor &&
    existing.currency === planned.currency &&
    existing.active === planned.active &&
    existing.language === planned.language &&
    existing.aliases.length === planned.aliases.length &&
    existing.aliases.every((alias, i) => alias === planned.aliases[i])
  );
}
