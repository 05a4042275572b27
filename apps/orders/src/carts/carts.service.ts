import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  cartAddItemV1,
  cartClearV1,
  cartConfirmV1,
  cartGetV1,
  cartRemoveItemV1,
  cartSetQuantityV1,
  type Actor,
  type CartOwner,
  type Failure,
  type ReplyOf,
  type RequestOf,
} from '@callcart/contracts';
import { requestFailure } from '@callcart/messaging';
import { auditStaffAction, type StaffAction } from '../audit/staff-audit';
import { ORDERS_CONFIG, type OrdersConfig } from '../orders.config';
import { rows, Transactions } from '../shared/transaction';
import { cartChanged, cartLines, lockActiveCart, loadCart, resolveOwner, type CartRow } from './cart-records';
import { CatalogueProducts } from './catalogue-products';

type Owned = { customerId: string } | { callId: string };

/**
 * The shared cart: one active cart per customer (or per call while the caller is unknown), the
 * same for the agent's desk and the customer's web page. Every change runs in one transaction
 * and announces the whole cart (`cart updated`) after it commits.
 */
@Injectable()
export class CartsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly catalogue: CatalogueProducts,
    @Inject(ORDERS_CONFIG) private readonly config: OrdersConfig,
  ) {}

  async get(request: RequestOf<typeof cartGetV1>): Promise<ReplyOf<typeof cartGetV1>> {
    return this.withCart(request.cart, undefined, async (manager, cart) => ({ ok: true, cart: await loadCart(manager, cart.id, this.config.currency) }));
  }

  async addItem(request: RequestOf<typeof cartAddItemV1>): Promise<ReplyOf<typeof cartAddItemV1>> {
    // Ask the catalogue before opening the transaction: no lock is held while it answers.
    const found = await this.catalogue.find(request.productId);
    if (!found.ok) return requestFailure(found.code, found.message);
    const { product } = found;
    if (!product.active) return requestFailure('PRODUCT_INACTIVE', `${product.name} is no longer sold`);
    if (!product.price) return requestFailure('PRODUCT_UNPRICED', `${product.name} has no price yet and cannot be ordered`);
    const price = product.price;
    return this.withCart(request.cart, request.actor, async (manager, cart, owner) => {
      const lines = await cartLines(manager, cart.id);
      if (lines.length > 0 && lines[0].currency !== price.currency) {
        return requestFailure('CURRENCY_MISMATCH', `the cart is in ${lines[0].currency}, ${product.name} is priced in ${price.currency}`);
      }
      const existing = lines.find((line) => line.product_id === product.id);
      if (existing && existing.quantity + request.quantity > 99) {
        return requestFailure('QUANTITY_LIMIT', `the cart already holds ${existing.quantity} of ${product.name}; at most 99`);
      }
      await rows(
        manager,
        `INSERT INTO @.cart_line AS line ("cart_id", "product_id", "sku", "name", "unit_price_minor", "currency", "quantity")
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT ("cart_id", "product_id") DO UPDATE SET "quantity" = line."quantity" + EXCLUDED."quantity"`,
        [cart.id, product.id, product.sku, product.name, price.amountMinor, price.currency, request.quantity],
      );
      await this.audit(manager, request.actor, 'cart.add-item', owner, { productId: product.id, quantity: request.quantity });
      return { ok: true, cart: await cartChanged(manager, cart.id, this.config.currency) };
    });
  }

  async setQuantity(request: RequestOf<typeof cartSetQuantityV1>): Promise<ReplyOf<typeof cartSetQuantityV1>> {
    return this.withCart(request.cart, request.actor, async (manager, cart, owner) => {
      const updated = await rows(
        manager,
        `UPDATE @.cart_line SET "quantity" = $3 WHERE "cart_id" = $1 AND "product_id" = $2 RETURNING 1`,
        [cart.id, request.productId, request.quantity],
      );
      if (updated.length === 0) return requestFailure('LINE_NOT_FOUND', `the cart holds no product ${request.productId}`);
      await this.audit(manager, request.actor, 'cart.set-quantity', owner, { productId: request.productId, quantity: request.quantity });
      return { ok: true, cart: await cartChanged(manager, cart.id, this.config.currency) };
    });
  }

  async removeItem(request: RequestOf<typeof cartRemoveItemV1>): Promise<ReplyOf<typeof cartRemoveItemV1>> {
    return this.withCart(request.cart, request.actor, async (manager, cart, owner) => {
      const removed = await rows(manager, `DELETE FROM @.cart_line WHERE "cart_id" = $1 AND "product_id" = $2 RETURNING 1`, [cart.id, request.productId]);
      if (removed.length === 0) return requestFailure('LINE_NOT_FOUND', `the cart holds no product ${request.productId}`);
      await this.audit(manager, request.actor, 'cart.remove-item', owner, { productId: request.productId });
      return { ok: true, cart: await cartChanged(manager, cart.id, this.config.currency) };
    });
  }

  async clear(request: RequestOf<typeof cartClearV1>): Promise<ReplyOf<typeof cartClearV1>> {
    return this.withCart(request.cart, request.actor, async (manager, cart, owner) => {
      await rows(manager, `DELETE FROM @.cart_line WHERE "cart_id" = $1`, [cart.id]);
      await this.audit(manager, request.actor, 'cart.clear', owner, {});
      return { ok: true, cart: await cartChanged(manager, cart.id, this.config.currency) };
    });
  }

  /** The customer agrees the cart is right; any later change clears this again. */
  async confirm(request: RequestOf<typeof cartConfirmV1>): Promise<ReplyOf<typeof cartConfirmV1>> {
    return this.withCart(request.cart, request.actor, async (manager, cart, owner) => {
      if ((await cartLines(manager, cart.id)).length === 0) return requestFailure('CART_EMPTY', 'an empty cart cannot be confirmed');
      await rows(manager, `UPDATE @.cart SET "confirmed_at" = now() WHERE "id" = $1`, [cart.id]);
      await this.audit(manager, request.actor, 'cart.confirm', owner, {});
      return { ok: true, cart: await cartChanged(manager, cart.id, this.config.currency, true) };
    });
  }

  /**
   * Finds (or opens) the owner's active cart, locked, and runs the change. A customer acting on
   * someone else's cart gets CART_NOT_FOUND, exactly as for a cart that does not exist.
   */
  private async withCart<R extends { ok: boolean }>(
    requested: CartOwner,
    actor: Actor | undefined,
    change: (manager: EntityManager, cart: CartRow, owner: Owned) => Promise<R>,
  ): Promise<R | Failure<'CART_NOT_FOUND'>> {
    return this.transactions.decide(async (manager) => {
      const owner = await resolveOwner(manager, requested, this.config.currency);
      if (!owner || (actor?.kind === 'customer' && !('customerId' in owner && owner.customerId === actor.customerId))) {
        return requestFailure<'CART_NOT_FOUND'>('CART_NOT_FOUND', 'no such cart');
      }
      return change(manager, await lockActiveCart(manager, owner), owner);
    });
  }

  private async audit(manager: EntityManager, actor: Actor | undefined, action: StaffAction, owner: Owned, details: Record<string, unknown>) {
    await auditStaffAction(manager, actor, action, {
      customerId: 'customerId' in owner ? owner.customerId : null,
      callId: 'callId' in owner ? owner.callId : undefined,
      details,
    });
  }
}
