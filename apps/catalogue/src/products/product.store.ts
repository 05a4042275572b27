import { DataSource, type EntityManager } from 'typeorm';
import { schemaOf } from '@callcart/service-kit';
import { ProductEntity } from './product.entity';

/** One page of a consistent read of every product, with the revision that read is as of. */
export interface ProductSnapshot {
  /** The highest product revision the snapshot contains: changes after it are not in it. */
  readonly revision: number;
  readonly productCount: number;
  readonly batches: AsyncIterable<ProductEntity[]>;
}

/**
 * Reads products for the request API and the search index. Writes go through the import (one
 * transaction per batch) and the product editor (one per edit), both serialised by
 * {@link lockProductWrites}, so revisions commit in order.
 */
export class ProductStore {
  constructor(private readonly dataSource: DataSource) {}

  async findById(id: string): Promise<ProductEntity | null> {
    return this.dataSource.getRepository(ProductEntity).findOneBy({ id });
  }

  /** The product with exactly this item number, ignoring case (uses the `lower(sku)` index). */
  async findBySku(sku: string): Promise<ProductEntity | null> {
    return this.dataSource
      .getRepository(ProductEntity)
      .createQueryBuilder('p')
      .where('lower(p.sku) = lower(:sku)', { sku })
      .getOne();
  }

  /** Products written after `revision`, oldest change first, at most `limit`. */
  async changedSince(revision: number, limit: number): Promise<ProductEntity[]> {
    return this.dataSource
      .getRepository(ProductEntity)
      .createQueryBuilder('p')
      .where('p.revision > :revision', { revision })
      .orderBy('p.revision', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** How many products were written after `revision`. */
  async countChangedSince(revision: number): Promise<number> {
    return this.dataSource.getRepository(ProductEntity).createQueryBuilder('p').where('p.revision > :revision', { revision }).getCount();
  }

  /**
   * Every product, in pages of `batchSize`, from one REPEATABLE READ transaction: a reindex sees
   * the catalogue as of one moment even while an import writes, and knows which revision that was.
   */
  async snapshot(batchSize: number): Promise<ProductSnapshot> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      const [row] = await runner.query(
        `SELECT coalesce(max("revision"), 0)::text AS "revision", count(*)::int AS "count" FROM "${this.schema}"."product"`,
      );
      const { revision, count } = row as { revision: string; count: number };
      return { revision: Number(revision), productCount: count, batches: pages(runner.manager, batchSize, () => release()) };
    } catch (error) {
      await release();
      throw error;
    }

    async function release(): Promise<void> {
      if (runner.isReleased) return;
      if (runner.isTransactionActive) await runner.commitTransaction().catch(() => undefined);
      await runner.release().catch(() => undefined);
    }
  }

  /**
   * Runs `work` while holding a PostgreSQL advisory lock named `name`, so only one process of
   * the deployment does it at a time (replicas building one shared Meilisearch index).
   */
  async exclusively<T>(name: string, work: () => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
      try {
        return await work();
      } finally {
        await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
      }
    } finally {
      await runner.release();
    }
  }

  private get schema(): string {
    return schemaOf(this.dataSource);
  }
}

async function* pages(manager: EntityManager, batchSize: number, release: () => Promise<void>): AsyncGenerator<ProductEntity[]> {
  try {
    let after: string | null = null;
    for (;;) {
      const query = manager.getRepository(ProductEntity).createQueryBuilder('p').orderBy('p.id', 'ASC').limit(batchSize);
      if (after !== null) query.where('p.id > :after', { after });
      const page = await query.getMany();
      if (page.length === 0) return;
      yield page;
      after = page[page.length - 1].id;
      if (page.length < batchSize) return;
    }
  } finally {
    await release();
  }
}

/**
 * Serialises product writes for the rest of the caller's transaction. Revisions are taken in
 * write order and committed in that order, so "every change after revision N" never skips a
 * change that committed late.
 */
export async function lockProductWrites(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('callcart:catalogue:product-writes'))`);
}
