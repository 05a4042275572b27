import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { productBySkuV1, productGetV1, productsSearchV1, vocabularyGetV1, type ProductHit } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import type { CatalogueSettings } from '../catalogue.config';
import { CATALOGUE_SETTINGS } from '../catalogue-settings.module';
import { CatalogueIndex } from '../indexing/catalogue-index';
import { ProductStore } from '../products/product.store';
import { toProductHit, toProductSummary } from '../products/product-views';
import { confirmationModeFor } from './confirmation-mode';
import { TypedPinyinSearch, typedPinyin } from './typed-pinyin.search';
import { buildVocabulary, DEFAULT_VOCABULARY_LIMIT } from './vocabulary';

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
    await this.bus.reply(productsSearchV1, async ({ query, limit, language }) => {
      const result = await this.index.search({ text: query, limit, language });
      const typed = typedPinyin(query);
      const spelled = typed ? this.typedPinyin.find(typed, () => this.index.products(), this.vocabularyVersion(), { limit, language }) : [];
      const engineOnly = result.hits.filter((hit) => !spelled.some((found) => found.productId === hit.productId));
      const hits = [...spelled, ...engineOnly].slice(0, limit).flatMap((hit): ProductHit[] => {
        const product = this.index.product(hit.productId);
        return product ? [toProductHit(product, hit.score)] : [];
      });
      const total = Math.max(result.total + spelled.length - (result.hits.length - engineOnly.length), hits.length);
      return { ok: true, hits, total, confirmationMode: confirmationModeFor(total, this.settings.confirmListMax) };
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
   * The live index version, with the catalogue revision it reflects: changes with every swap
   * and every incremental update, so a recogniser refetches whenever the words may differ.
   */
  private vocabularyVersion(): string {
    const live = this.index.liveVersionId() ?? 'none';
    const revision = `r${this.index.indexedRevision}`;
    return `${live.slice(0, 63 - revision.length)}@${revision}`;
  }
}
