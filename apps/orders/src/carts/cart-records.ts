import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { cartUpdatedV1, type Cart, type CartOwner } from '@callcart/contracts';
import { enqueueEvent } from '../outbox/outbox';
import { type LineRow, toPricedLine } from '../shared/priced-line';
import { rows, toIso } from '../shared/transaction';

/** A cart row, locked for the caller's transaction. */
export interface CartRow {
  readonly id: string;
  readonly customer_id: string | null;
  readonly call_id: string | null;
  readonly confirmed_at: Date | null;
  readonly version: number;
}

interface CartLineRow extends LineRow {
  currency: string;
}

/**
 * Who a cart command means: the one place that decides whose cart it is. A customer means that
 * customer. A call means the customer the caller is, once registered: linked at registration, or,
 * when the number was registered elsewhere during the call (the shop's sign-in), linked here, the
 * call's cart moving to them then. Until then the call owns its cart.
 */
export async function resolveOwner(manager: EntityManager, owner: CartOwner, currency: string): Promise<{ customerId: string } | { callId: string } | null> {
  if ('customerId' in owner) {
    const [customer] = await rows(manager, `SELECT 1 FROM @.customer WHERE "id" = $1`, [owner.customerId]);
    return customer ? { customerId: owner.customerId } : null;
  }
  const [session] = await rows<{ customer_id: string | null; registered: string | null }>(
    manager,
    `SELECT s."customer_id", c."id" AS "registered" FROM @.call_session s LEFT JOIN @.customer c ON c."phone" = s."phone"
     WHERE s."call_id" = $1 FOR UPDATE OF s`,
    [owner.callId],
  );
  if (!session) return null;
  if (session.customer_id) return { customerId: session.customer_id };
  if (!session.registered) return { callId: owner.callId };
  await rows(manager, `UPDATE @.call_session SET "customer_id" = $2 WHERE "call_id" = $1`, [owner.callId, session.registered]);
  await attachCallCart(manager, owner.callId, session.registered, currency);
  return { customerId: session.registered };
}

/** The owner's active cart, locked; created empty when they have none. */
export async function lockActiveCart(manager: EntityManager, owner: { customerId: string } | { callId: string }): Promise<CartRow> {
  const [column, value] = 'customerId' in owner ? ['customer_id', owner.customerId] : ['call_id', owner.callId];
  const select = `SELECT "id", "customer_id", "call_id", "confirmed_at", "version" FROM @.cart WHERE "${column}" = $1 AND "status" = 'active' FOR UPDATE`;
  const [existing] = await rows<CartRow>(manager, select, [value]);
  if (existing) return existing;
  await rows(
    manager,
    `INSERT INTO @.cart ("id", "${column}", "status") VALUES ($1, $2, 'active') ON CONFLICT DO NOTHING`,
    [randomUUID(), value],
  );
  const [created] = await rows<CartRow>(manager, select, [value]);
  return created;
}

/** The lines of a cart in the order they were added. */
export async function cartLines(manager: EntityManager, cartId: string): Promise<CartLineRow[]> {
  return rows<CartLineRow>(
    manager,
    `SELECT "product_id", "sku", "name", "unit_price_minor", "currency", "quantity" FROM @.cart_line WHERE "cart_id" = $1 ORDER BY "added_at", "product_id"`,
    [cartId],
  );
}

/** The cart as the wire carries it: lines with their price snapshot and checked totals. */
export async function loadCart(manager: EntityManager, cartId: string, fallbackCurrency: string): Promise<Cart> {
  const [cart] = await rows<CartRow>(manager, `SELECT "id", "customer_id", "call_id", "confirmed_at", "version" FROM @.cart WHERE "id" = $1`, [cartId]);
  const lines = await cartLines(manager, cartId);
  const currency = lines[0]?.currency ?? fallbackCurrency;
  const priced = lines.map((line) => toPricedLine(line, line.currency));
  return {
    id: cart.id,
    owner: cart.customer_id ? { customerId: cart.customer_id } : { callId: cart.call_id as string },
    lines: priced,
    total: { amountMinor: priced.reduce((sum, line) => sum + line.lineTotal.amountMinor, 0), currency },
    confirmedAt: cart.confirmed_at ? toIso(cart.confirmed_at) : null,
    version: cart.version,
  };
}

/**
 * Marks a cart changed: the version grows, any confirmation is cleared (the customer confirmed a
 * different cart), and `cart updated` with the whole cart goes out after commit.
 */
export async function cartChanged(manager: EntityManager, cartId: string, currency: string, keepConfirmation = false): Promise<Cart> {
  await rows(
    manager,
    `UPDATE @.cart SET "version" = "version" + 1, "updated_at" = now() ${keepConfirmation ? '' : ', "confirmed_at" = NULL'} WHERE "id" = $1`,
    [cartId],
  );
  const cart = await loadCart(manager, cartId, currency);
  await enqueueEvent(manager, cartUpdatedV1, { cart }, { callId: 'callId' in cart.owner ? cart.owner.callId : undefined });
  return cart;
}

/**
 * Gives a call's cart to the customer the caller has just become. Into an empty or missing
 * customer cart it moves as it is; otherwise its lines are merged in (quantities added, capped at
 * 99) and the call cart is closed as merged.
 */
export async function attachCallCart(manager: EntityManager, callId: string, customerId: string, currency: string): Promise<void> {
  const [callCart] = await rows<CartRow>(manager, `SELECT "id" FROM @.cart WHERE "call_id" = $1 AND "status" = 'active' FOR UPDATE`, [callId]);
  if (!callCart) return;
  const [customerCart] = await rows<CartRow>(manager, `SELECT "id" FROM @.cart WHERE "customer_id" = $1 AND "status" = 'active' FOR UPDATE`, [customerId]);
  if (!customerCart) {
    await rows(manager, `UPDATE @.cart SET "customer_id" = $2, "call_id" = NULL WHERE "id" = $1`, [callCart.id, customerId]);
    await cartChanged(manager, callCart.id, currency);
    return;
  }
  await rows(
    manager,
    `INSERT INTO @.cart_line AS existing ("cart_id", "product_id", "sku", "name", "unit_price_minor", "currency", "quantity", "added_at")
     SELECT $2, "product_id", "sku", "name", "unit_price_minor", "currency", "quantity", "added_at" FROM @.cart_line WHERE "cart_id" = $1
     ON CONFLICT ("cart_id", "product_id") DO UPDATE SET "quantity" = LEAST(99, existing."quantity" + EXCLUDED."quantity")`,
    [callCart.id, customerCart.id],
  );
  await rows(manager, `UPDATE @.cart SET "status" = 'merged', "updated_at" = now() WHERE "id" = $1`, [callCart.id]);
  await cartChanged(manager, customerCart.id, currency);
}
