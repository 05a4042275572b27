import { createRequire } from 'node:module';
import type { Index, Meilisearch as MeilisearchClient } from 'meilisearch' with { 'resolution-mode': 'import' };
import { MEILI_PRIMARY_KEY, meiliDocumentKey, meiliIndexSettings, meiliSearchRequest, meiliSkuFilter, toMeiliDocument, type MeiliProductDocument } from './meilisearch-payloads';
import type { IndexVersion, IndexedProduct, SearchEngine, SearchHit, SearchQuery, SearchResult } from './search-engine';

export interface MeilisearchEngineOptions {
  /** MEILI_URL */
  readonly url: string;
  /** MEILI_API_KEY */
  readonly apiKey: string;
  /** The live index's uid; versions are built as `<prefix>_v<N>` beside it. */
  readonly indexPrefix?: string;
  /** How long to wait for one Meilisearch task (indexing a batch, a swap). */
  readonly taskTimeoutMs?: number;
}

/** The client is ESM-only; Node ≥ 20.19 loads it with require (jest transforms it). */
const { Meilisearch } = createRequire(__filename)('meilisearch') as { Meilisearch: typeof MeilisearchClient };

/** Same rule as the embedded engine: candidates this close to the best are the matches (hits and `total`). */
const MATCH_SHARE = 0.6;
const MAX_LIMIT = 100;

/**
 * Meilisearch behind the SearchEngine interface. Each version is its own index
 * (`products_v<N>`) built with explicit settings; `activate` swaps it with the live index
 * (`products`) in one `swapIndexes` task, then deletes the index that now holds the old version.
 */
export class MeilisearchSearchEngine implements SearchEngine {
  readonly kind = 'meilisearch' as const;
  private readonly client: MeilisearchClient;
  private readonly liveUid: string;
  private readonly timeout: number;
  private live: IndexVersion | undefined;

  constructor(options: MeilisearchEngineOptions) {
    this.client = new Meilisearch({ host: options.url, apiKey: options.apiKey || undefined });
    this.liveUid = options.indexPrefix ?? 'products';
    this.timeout = options.taskTimeoutMs ?? 120_000;
  }

  async buildVersion(batches: AsyncIterable<readonly IndexedProduct[]>, onProgress?: (indexed: number) => void): Promise<IndexVersion> {
    const uid = `${this.liveUid}_v${await this.nextVersionNumber()}`;
    await this.client.createIndex(uid, { primaryKey: MEILI_PRIMARY_KEY }).waitTask({ timeout: this.timeout });
    const index = this.client.index<MeiliProductDocument>(uid);
    const all: IndexedProduct[] = [];
    for await (const batch of batches) {
      all.push(...batch);
      await index.addDocuments(batch.map(toMeiliDocument)).waitTask({ timeout: this.timeout });
      onProgress?.(all.length);
    }
    await index.updateSettings(meiliIndexSettings(all)).waitTask({ timeout: this.timeout });
    return { id: uid, productCount: all.length };
  }

  async activate(version: IndexVersion): Promise<void> {
    const exists = await this.client.getIndex(this.liveUid).then(
      () => true,
      () => false,
    );
    if (!exists) await this.client.createIndex(this.liveUid, { primaryKey: MEILI_PRIMARY_KEY }).waitTask({ timeout: this.timeout });
    await this.client.swapIndexes([{ indexes: [this.liveUid, version.id], rename: false }]).waitTask({ timeout: this.timeout });
    await this.client.deleteIndex(version.id).waitTask({ timeout: this.timeout });
    this.live = version;
  }

  liveVersion(): IndexVersion | undefined {
    return this.live;
  }

  async upsert(product: IndexedProduct): Promise<void> {
    await this.liveIndex().addDocuments([toMeiliDocument(product)]).waitTask({ timeout: this.timeout });
  }

  async remove(productId: string): Promise<void> {
    await this.liveIndex().deleteDocument(meiliDocumentKey(productId)).waitTask({ timeout: this.timeout });
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    if (!this.live) return { hits: [], total: 0 };
    const request = meiliSearchRequest(query);
    if (request.q === '') return { hits: [], total: 0 };
    const limit = Number.isFinite(query.limit) ? Math.min(MAX_LIMIT, Math.max(0, Math.floor(query.limit))) : 0;
    const { q, ...params } = request;
    const response = await this.liveIndex().search(q, params);
    const scored = response.hits.map((hit) => ({ productId: String(hit.productId), score: Math.min(1, Math.max(0, Number(hit._rankingScore ?? 0))) }));
    const best = scored[0]?.score ?? 0;
    const matches = scored.filter((hit) => hit.score >= best * MATCH_SHARE);
    const hits: SearchHit[] = matches.slice(0, limit);
    return { hits, total: matches.length };
  }

  async findBySku(sku: string): Promise<string | undefined> {
    if (!this.live || String(sku ?? '').replace(/[^A-Za-z0-9]/g, '') === '') return undefined;
    const response = await this.liveIndex().search('', { filter: meiliSkuFilter(String(sku)), limit: 1 });
    const hit = response.hits[0];
    return hit ? String(hit.productId) : undefined;
  }

  async close(): Promise<void> {
    this.live = undefined;
  }

  private liveIndex(): Index<MeiliProductDocument> {
    return this.client.index<MeiliProductDocument>(this.liveUid);
  }

  private async nextVersionNumber(): Promise<number> {
    const { results } = await this.client.getRawIndexes({ limit: 1000 });
    const pattern = new RegExp(`^${this.liveUid}_v(\\d+)$`);
    const numbers = results.map((index) => pattern.exec(index.uid)?.[1]).filter((n): n is string => n !== undefined).map(Number);
    return Math.max(0, ...numbers) + 1;
  }
}
