import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type Language, productBySkuV1, productGetV1, productsSearchV1, vocabularyGetV1, type ProductHit } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import type { CatalogueSettings } from '../catalogue.config';
import { CATALOGUE_SETTINGS } from '../catalogue-settings.module';
import { CatalogueIndex } from '../indexing/catalogue-index';
import { ProductStore } from '../products/product.store';
import { toProductHit, toProductSummary } from '../products/product-views';
import { browseCategory, categoriesOf, keepCategory } from './category-browse';
import { confirmationModeFor } from './confirmation-mode';
import { TypedPinyinSearch, typedPinyin } from './typed-pinyin.search';
import { buildVocabulary, DEFAULT_VOCABULARY_LIMIT } from './vocabulary';

/** The contract's most hits in one reply. */
const MAX_HITS = 50;

/**
 * The catalogue's request API over NATS (one replica answers each request): free-text search
 * on the live index, a product by id or by item number from the database (the source of truth,
 * inactive products included), and the recognisers' vocabulary. A search typed in pinyin on an
 * English keyboard (`jiangyou`) also finds the products whose Chinese name it spells, first.
 */
@Injectable()
export class ProductsApiHandler implements OnModuleInit {
  private readonly typedPinyin = new TypedPinyinSearch();

  constructor(
    private readonly bus: MessageBus,
    private readonly index: CatalogueIndex,
    private readonly store: ProductStore,
    @Inject(CATALOGUE_SETTINGS) private readonly settings: CatalogueSettings,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.reply(productsSearchV1, async ({ query, limit, language, category, includeCategories }) => {
      const found = query === undefined ? this.browse(category, limit) : await this.search(query, limit, language, category);
      const categories = includeCategories ? { categories: categoriesOf(this.index.products()) } : {};
      return { ok: true, ...found, confirmationMode: confirmationModeFor(found.total, this.settings.confirmListMax), ...categories };
    });
    await this.bus.reply(productGetV1, async ({ productId }) => {
      const product = await this.store.findById(productId);
      if (!product) return { ok: false, code: 'NOT_FOUND', message: `no product ${productId}` };
      return { ok: true, product: toProductSummary(product), aliases: [...product.aliases] };
    });
    await this.bus.reply(productBySkuV1, async ({ sku }) => {
      const product = await this.store.findBySku(sku);
      if (!product) return { ok: false, code: 'NOT_FOUND', message: `no product with item number ${sku}` };
      return { ok: true, product: toProductSummary(product) };
    });
    await this.bus.reply(vocabularyGetV1, async ({ language, limit }) => {
      const { phrases, truncated } = buildVocabulary(this.index.products(language), limit ?? DEFAULT_VOCABULARY_LIMIT);
      return { ok: true, version: this.vocabularyVersion(), phrases, truncated, generatedAt: new Date().toISOString() };
    });
  }

  /**
   * Free-text search; with a category, the engine is asked for the contract's most hits and
   * those outside the category are dropped (so `total` counts only what was kept).
   */
  private async search(query: string, limit: number, language: Language | undefined, category: string | undefined): Promise<{ hits: ProductHit[]; total: number }> {
    const wanted = category ? MAX_HITS : limit;
    const result = await this.index.search({ text: query, limit: wanted, language });
    const typed = typedPinyin(query);
    const spelled = typed ? this.typedPinyin.find(typed, () => this.index.products(), this.vocabularyVersion(), { limit: wanted, language }) : [];
    const engineOnly = result.hits.filter((hit) => !spelled.some((found) => found.productId === hit.productId));
    const ranked = [...spelled, ...engineOnly];
    const kept = category ? keepCategory(ranked, category, (productId) => this.index.product(productId)) : ranked;
    const hits = kept.slice(0, limit).flatMap((hit): ProductHit[] => {
      const product = this.index.product(hit.productId);
      return product ? [toProductHit(product, hit.score)] : [];
    });
    const total = category ? kept.length : Math.max(result.total + spelled.length - (result.hits.length - engineOnly.length), hits.length);
    return { hits, total };
  }

  /** A category's products by name (no query: the admin browsing); nothing without a category. */
  private browse(category: string | undefined, limit: number): { hits: ProductHit[]; total: number } {
    if (!category) return { hits: [], total: 0 };
    const { products, total } = browseCategory(this.index.products(), category, limit);
    return { hits: products.map((product) => toProductHit(product, 1)), total };
  }

  /**
   * The live index version, with the catalogue revision it reflects: changes with every swap
   * and every incremental update, so a recogniser refetches whenever the words may differ.
   */
  private vocabularyVersion(): string {
    const live = this.index.liveVersionId() ?? 'none';
    const revision = `r${this.index.indexedRevision}`;
    return `${live.slice(0, 63 - revision.length)}@${revision}`;
  }
}
