import { Inject, Injectable } from '@nestjs/common';
import { productGetV1, type ProductSummary } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { ORDERS_CONFIG, type OrdersConfig } from '../orders.config';

export type ProductLookup =
  | { readonly ok: true; readonly product: ProductSummary }
  | { readonly ok: false; readonly code: 'PRODUCT_NOT_FOUND' | 'CATALOGUE_UNAVAILABLE'; readonly message: string };

/**
 * Asks the catalogue service for a product. A cart's names and prices always come from here,
 * never from whoever sent the cart command.
 */
@Injectable()
export class CatalogueProducts {
  constructor(
    private readonly bus: MessageBus,
    @Inject(ORDERS_CONFIG) private readonly config: OrdersConfig,
  ) {}

  async find(productId: string): Promise<ProductLookup> {
    const reply = await this.bus.request(productGetV1, { productId }, { timeoutMs: this.config.catalogueTimeoutMs });
    if (reply.ok) return { ok: true, product: reply.product };
    if (reply.code === 'NOT_FOUND') return { ok: false, code: 'PRODUCT_NOT_FOUND', message: `no product ${productId} in the catalogue` };
    return { ok: false, code: 'CATALOGUE_UNAVAILABLE', message: `the catalogue did not answer (${reply.code}); try again` };
  }
}
