import { ProductKeyIndex } from './product-key-index';
import type { IndexVersion, IndexedProduct, SearchEngine, SearchQuery, SearchResult } from './search-engine';

const MAX_LIMIT = 100;
/** Yield to the event loop this often while building, so queries keep being answered during a reindex. */
const YIELD_EVERY = 2000;

/**
 * The default search engine: an in-process inverted index over phonetic, pinyin and word keys
 * (chosen by measurement, docs/decisions/0010). A reindex builds a complete new index object off
 * to the side; `activate` swaps one reference, so a query sees the old or the new version, never
 * a half-built one, and never fails.
 */
export class EmbeddedSearchEngine implements SearchEngine {
  readonly kind = 'embedded' as const;
  private live: { version: IndexVersion; index: ProductKeyIndex } | undefined;
  private readonly built = new Map<string, { version: IndexVersion; index: ProductKeyIndex }>();
  private nextVersion = 1;

  async buildVersion(batches: AsyncIterable<readonly IndexedProduct[]>, onProgress?: (indexed: number) => void): Promise<IndexVersion> {
    const index = new ProductKeyIndex();
    const versionId = `v${this.nextVersion++}`;
    let indexed = 0;
    let sinceYield = 0;
    for await (const batch of batches) {
      for (const product of batch) {
        index.upsert(product);
        indexed += 1;
        sinceYield += 1;
        if (sinceYield >= YIELD_EVERY) {
          sinceYield = 0;
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      }
      onProgress?.(indexed);
    }
    const version: IndexVersion = { id: versionId, productCount: index.productCount };
    this.built.set(versionId, { version, index });
    return version;
  }

  async activate(version: IndexVersion): Promise<void> {
    const next = this.built.get(version.id);
    if (!next) throw new UnknownIndexVersionError(version.id);
    this.built.delete(version.id);
    this.live = next;
  }

  liveVersion(): IndexVersion | undefined {
    return this.live ? { id: this.live.version.id, productCount: this.live.index.productCount } : undefined;
  }

  async upsert(product: IndexedProduct): Promise<void> {
    this.live?.index.upsert(product);
  }

  async remove(productId: string): Promise<void> {
    this.live?.index.remove(productId);
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const index = this.live?.index;
    if (!index) return { hits: [], total: 0 };
    const limit = Number.isFinite(query.limit) ? Math.min(MAX_LIMIT, Math.max(0, Math.floor(query.limit))) : 0;
    return index.search(String(query.text ?? ''), query.alternatives ?? [], query.language, limit);
  }

  async findBySku(sku: string): Promise<string | undefined> {
    return this.live?.index.findBySku(String(sku ?? ''));
  }

  async close(): Promise<void> {
    this.built.clear();
    this.live = undefined;
  }
}

/** `activate` was given a version this engine did not build (or already replaced). */
export class UnknownIndexVersionError extends Error {
  constructor(readonly versionId: string) {
    super(`no built index version "${versionId}" to activate`);
    this.name = 'UnknownIndexVersionError';
  }
}
