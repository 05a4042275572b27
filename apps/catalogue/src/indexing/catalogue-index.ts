import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { Language } from '@callcart/contracts';
import type { ProductEntity } from '../products/product.entity';
import type { ProductStore } from '../products/product.store';
import { toIndexedProduct } from '../products/product-views';
import type { IndexedProduct, IndexVersion, SearchEngine, SearchQuery, SearchResult } from '../search/search-engine';
import type { RebuildPhase, RebuildReporter } from './reindex-reporter';
import { SerialQueue } from './serial-queue';

/** What a finished rebuild produced. */
export interface RebuildOutcome {
  readonly version: IndexVersion;
  readonly productCount: number;
  /** The catalogue revision the new version was built as of (later changes were applied after). */
  readonly revision: number;
}

/** Products handed to the engine at a time during a rebuild (a few milliseconds of work). */
const SLICE = 200;

/**
 * This replica's search index and the product details behind its hits, kept in step with the
 * products table. A rebuild reads a consistent snapshot, builds a new engine version off to the
 * side and swaps it in; incremental catch-ups apply every product written after the last revision
 * seen. Swaps and catch-ups run one at a time, so a query always sees one whole version.
 */
export class CatalogueIndex {
  private readonly logger = new Logger('CatalogueIndex');
  private readonly applying = new SerialQueue();
  private readonly rebuilding = new SerialQueue();
  /** The active products of the live version, by id: what a hit shows. */
  private directory = new Map<string, IndexedProduct>();
  private revision = 0;
  private pendingCatchUp: Promise<void> | undefined;
  private catchUpAgain = false;

  constructor(
    readonly engine: SearchEngine,
    private readonly store: ProductStore,
    private readonly options: {
      readonly rebuildThreshold: number;
      readonly batchSize?: number;
      /** Told of rebuilds that have a reindex id: requested ones and those a big backlog triggers. */
      readonly reporter?: RebuildReporter;
    },
  ) {}

  /** The catalogue revision the live index reflects. */
  get indexedRevision(): number {
    return this.revision;
  }

  get productCount(): number {
    return this.directory.size;
  }

  /** The live version's id, if an index has been built. */
  liveVersionId(): string | undefined {
    return this.engine.liveVersion()?.id;
  }

  product(productId: string): IndexedProduct | undefined {
    return this.directory.get(productId);
  }

  /** Active products of one language (or all), for the recognisers' vocabulary. */
  products(language?: Language): IndexedProduct[] {
    const all = [...this.directory.values()];
    return language ? all.filter((product) => product.language === language) : all;
  }

  search(query: SearchQuery): Promise<SearchResult> {
    return this.engine.search(query);
  }

  /**
   * Builds a new version from the database and swaps it in. Rebuilds queue behind each other;
   * queries keep hitting the old version until the swap.
   */
  rebuild(reindexId?: string): Promise<RebuildOutcome> {
    const reporter = this.options.reporter;
    const onProgress = reindexId && reporter ? (phase: RebuildPhase, done: number, total: number) => reporter.progress(reindexId, phase, done, total) : undefined;
    return this.rebuilding.run(async () => {
      // One shared Meilisearch index: replicas take turns building it. Embedded: each its own.
      const outcome =
        this.engine.kind === 'meilisearch'
          ? await this.store.exclusively('callcart:catalogue:meilisearch-build', () => this.build(onProgress))
          : await this.build(onProgress);
      if (reindexId && reporter) await reporter.completed(reindexId, outcome.version, outcome.productCount);
      this.logger.log({ msg: 'search index swapped', reindexId, version: outcome.version.id, products: outcome.productCount, revision: outcome.revision });
      return outcome;
    });
  }

  private async build(onProgress?: (phase: RebuildPhase, done: number, total: number) => void): Promise<RebuildOutcome> {
    const batchSize = this.options.batchSize ?? 2000;
    const snapshot = await this.store.snapshot(batchSize);
    const total = snapshot.productCount;
    onProgress?.('reading', 0, total);
    const next = new Map<string, IndexedProduct>();
    let read = 0;
    // In process: small slices with a turn of the event loop between them, so queries keep being
    // answered. Meilisearch indexes out of process and prefers big batches.
    const sliceSize = this.engine.kind === 'embedded' ? SLICE : batchSize;
    const batches = async function* (): AsyncGenerator<IndexedProduct[]> {
      for await (const page of snapshot.batches) {
        for (let start = 0; start < page.length; start += sliceSize) {
          const slice = page.slice(start, start + sliceSize);
          read += slice.length;
          const active = slice.filter((product) => product.active).map(toIndexedProduct);
          for (const product of active) next.set(product.id, product);
          yield active;
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      }
    };
    const version = await this.engine.buildVersion(batches(), (indexed) => onProgress?.('indexing', Math.min(read, Math.max(indexed, 0)), total));
    onProgress?.('swapping', total, total);
    await this.applying.run(async () => {
      await this.engine.activate(version);
      this.directory = next;
      this.revision = snapshot.revision;
    });
    // Changes written after the snapshot: applied one by one, never a rebuild from inside one.
    await this.applying.run(() => this.applyChanges(Number.POSITIVE_INFINITY));
    return { version, productCount: next.size, revision: snapshot.revision };
  }

  /**
   * Applies every product written since the live revision. Calls while one runs are coalesced
   * into one more run. A backlog beyond the rebuild threshold (a bulk import) rebuilds instead:
   * one build and swap is cheaper than thousands of single upserts.
   */
  catchUp(): Promise<void> {
    if (this.pendingCatchUp) {
      this.catchUpAgain = true;
      return this.pendingCatchUp;
    }
    this.pendingCatchUp = (async () => {
      try {
        do {
          this.catchUpAgain = false;
          const rebuildNeeded = await this.applying.run(() => this.applyChanges(this.options.rebuildThreshold));
          if (rebuildNeeded) {
            this.pendingCatchUp = undefined;
            await this.rebuild(randomUUID());
            return;
          }
        } while (this.catchUpAgain);
      } finally {
        this.pendingCatchUp = undefined;
      }
    })();
    return this.pendingCatchUp;
  }

  /** Returns true when the backlog is big enough that a rebuild should replace it. */
  private async applyChanges(rebuildThreshold: number): Promise<boolean> {
    if (!this.engine.liveVersion()) return false;
    const backlog = await this.store.countChangedSince(this.revision);
    if (backlog === 0) return false;
    if (backlog > rebuildThreshold) return true;
    for (;;) {
      const changed = await this.store.changedSince(this.revision, 500);
      if (changed.length === 0) return false;
      for (const product of changed) await this.applyOne(product);
      this.revision = changed[changed.length - 1].revision;
    }
  }

  private async applyOne(product: ProductEntity): Promise<void> {
    try {
      if (product.active) {
        const indexed = toIndexedProduct(product);
        await this.engine.upsert(indexed);
        this.directory.set(product.id, indexed);
      } else {
        await this.engine.remove(product.id);
        this.directory.delete(product.id);
      }
    } catch (error) {
      this.logger.error({ msg: 'could not apply a product change to the index', productId: product.id, err: error });
      throw error;
    }
  }
}
