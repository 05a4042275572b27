import type { ProductHit, ProductSummary } from '@callcart/contracts';
import type { IndexedProduct } from '../search/search-engine';
import type { ProductEntity } from './product.entity';

/** The product as other services and the agent's screen see it (no internal bookkeeping). */
export function toProductSummary(product: ProductEntity): ProductSummary {
  return {
    id: product.id,
    sku: product.sku,
    name: product.name,
    ...(product.brand ? { brand: product.brand } : {}),
    ...(product.category ? { category: product.category } : {}),
    price: product.priceMinor === null ? null : { amountMinor: product.priceMinor, currency: product.currency },
    active: product.active,
    language: product.language,
  };
}

/** The product as a search index holds it. */
export function toIndexedProduct(product: ProductEntity): IndexedProduct {
  return {
    id: product.id,
    sku: product.sku,
    name: product.name,
    brand: product.brand,
    category: product.category,
    aliases: product.aliases,
    price: product.priceMinor === null ? null : { amountMinor: product.priceMinor, currency: product.currency },
    active: product.active,
    language: product.language,
  };
}

const HAN = /\p{Script=Han}/u;

/** The first alias in Han script of a product whose own name is not Chinese (the demo catalogue's English names with Chinese aliases). */
export function chineseNameOf(product: Pick<IndexedProduct, 'name' | 'aliases'>): string | undefined {
  if (HAN.test(product.name)) return undefined;
  return product.aliases.find((alias) => HAN.test(alias))?.slice(0, 200);
}

/** A search candidate for the agent: enough to read it out and to put it in a cart. */
export function toProductHit(product: IndexedProduct, score: number): ProductHit {
  const chineseName = chineseNameOf(product);
  return {
    productId: product.id,
    sku: product.sku,
    name: product.name.slice(0, 200),
    price: product.price ? { amountMinor: product.price.amountMinor, currency: product.price.currency } : null,
    score: Math.min(1, Math.max(0, Number.isFinite(score) ? score : 0)),
    ...(chineseName ? { chineseName } : {}),
    ...(product.category ? { category: product.category.slice(0, 100) } : {}),
    ...(product.brand ? { brand: product.brand.slice(0, 100) } : {}),
  };
}
