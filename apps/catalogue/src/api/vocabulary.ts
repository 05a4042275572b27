import type { IndexedProduct } from '../search/search-engine';

/** Phrases sent when the request names no limit: Google's speech contexts take at most 5,000. */
export const DEFAULT_VOCABULARY_LIMIT = 5000;
const PHRASE_MAX = 200;

/**
 * The words recognisers should be biased towards, most useful first: brands (the words
 * recognisers get wrong most, the most widely used first), then aliases, then product names.
 * Case-insensitive duplicates are dropped.
 */
export function buildVocabulary(products: readonly IndexedProduct[], limit: number): { phrases: string[]; truncated: boolean } {
  const brandCounts = new Map<string, number>();
  for (const product of products) {
    if (product.brand) brandCounts.set(product.brand, (brandCounts.get(product.brand) ?? 0) + 1);
  }
  const brands = [...brandCounts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([brand]) => brand);
  const seen = new Set<string>();
  const phrases: string[] = [];
  let truncated = false;
  const add = (phrase: string) => {
    const text = phrase.replace(/\s+/g, ' ').trim().slice(0, PHRASE_MAX).trim();
    const key = text.toLowerCase();
    if (!text || seen.has(key)) return;
    if (phrases.length >= limit) {
      truncated = true;
      return;
    }
    seen.add(key);
    phrases.push(text);
  };
  for (const brand of brands) add(brand);
  for (const product of products) for (const alias of product.aliases) add(alias);
  for (const product of products) add(product.name);
  return { phrases, truncated };
}
