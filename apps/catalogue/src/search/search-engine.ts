import type { Language } from '@callcart/contracts';

/**
 * A product as the search index sees it: what can be matched, and what a hit must show. The
 * catalogue's products table is the source of truth; an index is always rebuilt from it.
 */
export interface IndexedProduct {
  readonly id: string;
  /** The item number; matched exactly (case-insensitively), never fuzzily. */
  readonly sku: string;
  readonly name: string;
  readonly brand: string | null;
  readonly category: string | null;
  /** Other names customers use for it (synonyms the catalogue manager added). */
  readonly aliases: readonly string[];
  readonly price: { readonly amountMinor: number; readonly currency: string } | null;
  readonly active: boolean;
  readonly language: Language;
}

/** One piece of what the caller said, possibly with the recogniser's other guesses for it. */
export interface SearchQuery {
  readonly text: string;
  /** The recogniser's n-best alternatives for the same words, best first. */
  readonly alternatives?: readonly string[];
  /** Narrows to products in this language when given. */
  readonly language?: Language;
  /** How many hits to return (the total is counted regardless). */
  readonly limit: number;
}

export interface SearchHit {
  readonly productId: string;
  /** Relevance normalised to 0..1, comparable within one result. */
  readonly score: number;
}

export interface SearchResult {
  /** Best first, at most `limit`, active products only. */
  readonly hits: readonly SearchHit[];
  /** How many products matched in all: decides whether the agent reads a list or asks for the item number. */
  readonly total: number;
}

/** A built index that is not live yet. */
export interface IndexVersion {
  readonly id: string;
  readonly productCount: number;
}

/**
 * The search engine behind the catalogue: the embedded in-process index (the default) or
 * Meilisearch. Both pass one contract suite. Reindexing builds a new version off to the side and
 * swaps it in atomically, so a query never fails and never sees a half-built index.
 */
export interface SearchEngine {
  readonly kind: 'embedded' | 'meilisearch';
  /** Builds a new version from every product, fed in batches; not visible to queries until activated. */
  buildVersion(batches: AsyncIterable<readonly IndexedProduct[]>, onProgress?: (indexed: number) => void): Promise<IndexVersion>;
  /** Makes a built version the live one in one step and drops the one it replaces. */
  activate(version: IndexVersion): Promise<void>;
  /** The live version, if any has been activated. */
  liveVersion(): IndexVersion | undefined;
  /** Adds or replaces one product in the live index (a product change between reindexes). */
  upsert(product: IndexedProduct): Promise<void>;
  /** Removes one product from the live index. */
  remove(productId: string): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  /** The product whose item number is exactly this (case-insensitive), if any. */
  findBySku(sku: string): Promise<string | undefined>;
  close(): Promise<void>;
}
