import type { CategoryCount } from '@callcart/contracts';
import type { IndexedProduct } from '../search/search-engine';

/** Most categories a reply lists (the contract's limit). */
export const MAX_CATEGORIES = 500;

const sameCategory = (product: Pick<IndexedProduct, 'category'>, category: string) => product.category?.toLocaleLowerCase() === category.toLocaleLowerCase();

/**
 * The categories of these products with how many each holds, by name; products without one are
 * left out. Spellings that differ only in case are one category (as the filter compares them),
 * named as first seen.
 */
export function categoriesOf(products: Iterable<Pick<IndexedProduct, 'category'>>): CategoryCount[] {
  const counts = new Map<string, { name: string; count: number }>();
  for (const { category } of products) {
    if (!category) continue;
    const key = category.toLocaleLowerCase();
    const seen = counts.get(key) ?? { name: category, count: 0 };
    counts.set(key, { name: seen.name, count: seen.count + 1 });
  }
  return [...counts.values()]
    .map(({ name, count }) => ({ name: name.slice(0, 100), count }))
    .sort((a, b) => a.name.localeCompare(b.name))
    .slice(0, MAX_CATEGORIES);
}

/** The products of one category by name (the admin browsing it), and how many there are in all. */
export function browseCategory<P extends Pick<IndexedProduct, 'category' | 'name'>>(products: Iterable<P>, category: string, limit: number): { products: P[]; total: number } {
  const inCategory = [...products].filter((product) => sameCategory(product, category)).sort((a, b) => a.name.localeCompare(b.name));
  return { products: inCategory.slice(0, limit), total: inCategory.length };
}

/** Keeps the hits whose product is in `category`; `productOf` looks a hit's product up in the live index. */
export function keepCategory<H extends { productId: string }>(hits: readonly H[], category: string, productOf: (productId: string) => Pick<IndexedProduct, 'category'> | undefined): H[] {
  return hits.filter((hit) => {
    const product = productOf(hit.productId);
    return product !== undefined && sameCategory(product, category);
  });
}
