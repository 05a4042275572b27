import type { ProductHit } from '../shared/api-types';

/** A product's size or pack as its name writes it: "5 kg", "250ml", "2.5 L", "100 bags", "100片", "12 x 330 ml". */
const SIZE = /(\d+(?:\.\d+)?\s*[x×]\s*)?\d+(?:\.\d+)?\s*(?:kg|g|mg|ml|l|cl|oz|lb|pcs|packs?|bags?|sachets?|tablets?|capsules?|rolls?|sheets?|片|粒|袋|包|瓶|盒|卷|公斤|克|毫升|升)(?![a-z])/i;

/** The size in a product name, written one way ("5 kg" and "5kg" are one size), or undefined. */
export function sizeOf(name: string): string | undefined {
  const found = SIZE.exec(name)?.[0];
  return found ? found.toLowerCase().replace(/\s+/g, '').replace('×', 'x') : undefined;
}

/** Brands and sizes present among the hits, each with how many hits have it, most common first. */
export interface CandidateFacets {
  brands: Array<[string, number]>;
  sizes: Array<[string, number]>;
}

function counted(values: Array<string | undefined>): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/**
 * Facets worked out in the browser from the hits themselves (the catalogue's brand on each hit,
 * the size read from the name), so a long list narrows without another request.
 */
export function facetsOf(hits: readonly ProductHit[]): CandidateFacets {
  return { brands: counted(hits.map((hit) => hit.brand)), sizes: counted(hits.map((hit) => sizeOf(hit.name))) };
}

/** The hits of the chosen brand and size (either may be unset). */
export function narrowHits(hits: readonly ProductHit[], filter: { brand?: string; size?: string }): ProductHit[] {
  return hits.filter((hit) => (!filter.brand || hit.brand === filter.brand) && (!filter.size || sizeOf(hit.name) === filter.size));
}
