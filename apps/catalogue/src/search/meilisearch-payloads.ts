import type { Settings } from 'meilisearch' with { 'resolution-mode': 'import' };
import { documentKeys, normaliseItemNumber, queryFeatures } from './product-keys';
import type { IndexedProduct, SearchQuery } from './search-engine';

/**
 * What the Meilisearch adapter sends, as pure functions (so a unit test can check them without a
 * server): the index settings, a product as a document, and a search request. Phonetic and pinyin
 * keys come from the same functions as the embedded engine's.
 */

/** A product as a Meilisearch document. */
export interface MeiliProductDocument {
  /** Meilisearch ids allow only [A-Za-z0-9_-]: the product id, base64url-encoded. */
  readonly key: string;
  readonly productId: string;
  readonly sku: string;
  /** The item number normalised (lower-case, separators removed): filtered on exactly, never typo-matched. */
  readonly skuKey: string;
  readonly name: string;
  readonly brand: string | null;
  readonly category: string | null;
  readonly aliases: readonly string[];
  /** Double Metaphone codes of the words and of adjacent words joined. */
  readonly phoneticKeys: string;
  /** Folded toneless pinyin syllable pairs of the Han text. */
  readonly pinyinKeys: string;
  readonly active: boolean;
  readonly language: string;
}

export const MEILI_PRIMARY_KEY = 'key';
const MAX_SYNONYMS = 10_000;

/** The Meilisearch document id of a product id. */
export function meiliDocumentKey(productId: string): string {
  return Buffer.from(productId, 'utf8').toString('base64url');
}

export function toMeiliDocument(product: IndexedProduct): MeiliProductDocument {
  const keys = documentKeys([product.name, product.brand, ...product.aliases], null).map(({ key }) => key);
  return {
    key: meiliDocumentKey(product.id),
    productId: product.id,
    sku: product.sku,
    skuKey: normaliseItemNumber(product.sku),
    name: product.name,
    brand: product.brand,
    category: product.category,
    aliases: [...product.aliases],
    phoneticKeys: phoneticTerms(keys).join(' '),
    pinyinKeys: pinyinTerms(keys).join(' '),
    active: product.active,
    language: product.language,
  };
}

function phoneticTerms(keys: readonly string[]): string[] {
  return [...new Set(keys.filter((key) => key.startsWith('m:') || key.startsWith('jm:')).map((key) => key.slice(key.indexOf(':') + 1).toLowerCase()))];
}

function pinyinTerms(keys: readonly string[]): string[] {
  return keys.filter((key) => key.startsWith('y:')).map((key) => key.slice(2).replace('-', ''));
}

/**
 * Index settings, all set explicitly: what is searched and in which order of importance, the
 * ranking rules, no typos on item numbers (nor on the phonetic/pinyin codes, which are already
 * the fuzzy form), filters for active/language/item number, and synonyms from aliases that name
 * exactly one product.
 */
export function meiliIndexSettings(products: readonly IndexedProduct[]): Settings {
  return {
    searchableAttributes: ['name', 'brand', 'aliases', 'skuKey', 'phoneticKeys', 'pinyinKeys'],
    displayedAttributes: ['productId', 'sku', 'active', 'language'],
    filterableAttributes: ['active', 'language', 'skuKey'],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'exactness'],
    typoTolerance: { enabled: true, disableOnAttributes: ['skuKey', 'phoneticKeys', 'pinyinKeys'], minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
    synonyms: aliasSynonyms(products),
    pagination: { maxTotalHits: 1000 },
  };
}

/** alias → the product's name, for aliases that belong to a single product (a shared one is a category, not a synonym). */
export function aliasSynonyms(products: readonly IndexedProduct[]): Record<string, string[]> {
  const owners = new Map<string, { name: string; count: number }>();
  for (const product of products) {
    for (const alias of product.aliases) {
      const key = alias.trim().toLowerCase();
      if (!key || key === product.name.toLowerCase()) continue;
      const owner = owners.get(key);
      owners.set(key, { name: product.name.toLowerCase(), count: (owner?.count ?? 0) + 1 });
    }
  }
  const synonyms: Record<string, string[]> = {};
  let count = 0;
  for (const [alias, owner] of owners) {
    if (owner.count !== 1 || count >= MAX_SYNONYMS) continue;
    synonyms[alias] = [owner.name];
    count += 1;
  }
  return synonyms;
}

/** The search request for a query: its words plus their phonetic and pinyin keys, active products only. */
export function meiliSearchRequest(query: SearchQuery): { q: string; filter: string[]; limit: number; showRankingScore: true; matchingStrategy: 'frequency' } {
  const text = [query.text, ...(query.alternatives ?? []).slice(0, 2)]
    .map((part) => String(part ?? '').replace(/[\p{Cc}\p{Cf}]/gu, ' '))
    .join(' ')
    .slice(0, 500);
  const keys = queryFeatures(text).features.map((feature) => feature.key);
  const q = [text, ...new Set([...phoneticTerms(keys), ...pinyinTerms(keys)])].join(' ').replace(/\s+/g, ' ').trim();
  const filter = ['active = true'];
  if (query.language) filter.push(`language = "${query.language}"`);
  return { q, filter, limit: 50, showRankingScore: true, matchingStrategy: 'frequency' };
}

/** The filter that finds a product by its exact normalised item number. */
export function meiliSkuFilter(sku: string): string[] {
  return [`skuKey = "${normaliseItemNumber(sku)}"`, 'active = true'];
}
