import type { EntityManager } from 'typeorm';
import type { CustomerGetReplyV1, ShippingAddress } from '@callcart/contracts';
import { loadCart } from '../carts/cart-records';
import { orderSummaries } from '../orders/order-records';
import { rows, toAmount, toIso } from '../shared/transaction';

export interface CustomerRow {
  readonly id: string;
  readonly phone: string;
  readonly name: string | null;
  readonly default_address: ShippingAddress | null;
  readonly registered_via: 'call-threshold' | 'agent' | 'web';
  readonly registered_at: Date;
}

const COLUMNS = `"id", "phone", "name", "default_address", "registered_via", "registered_at"`;

export async function customerByPhone(manager: EntityManager, phone: string): Promise<CustomerRow | undefined> {
  return (await rows<CustomerRow>(manager, `SELECT ${COLUMNS} FROM @.customer WHERE "phone" = $1`, [phone]))[0];
}

export async function customerById(manager: EntityManager, id: string): Promise<CustomerRow | undefined> {
  return (await rows<CustomerRow>(manager, `SELECT ${COLUMNS} FROM @.customer WHERE "id" = $1`, [id]))[0];
}

type Profile = Extract<CustomerGetReplyV1, { ok: true }>['customer'];

/**
 * Everything the agent needs on screen when a known customer calls: name, phone, default
 * address, wallet balance, the last three orders and the cart they were building.
 */
export async function customerProfile(manager: EntityManager, customer: CustomerRow, currency: string): Promise<Profile> {
  const [wallet] = await rows<{ balance_minor: string; currency: string }>(
    manager,
    `SELECT "balance_minor", "currency" FROM @.wallet WHERE "customer_id" = $1`,
    [customer.id],
  );
  const [cart] = await rows<{ id: string }>(manager, `SELECT "id" FROM @.cart WHERE "customer_id" = $1 AND "status" = 'active'`, [customer.id]);
  return {
    customerId: customer.id,
    phone: customer.phone,
    name: customer.name,
    defaultAddress: customer.default_address,
    walletBalance: { amountMinor: wallet ? toAmount(wallet.balance_minor) : 0, currency: wallet?.currency ?? currency },
    recentOrders: await orderSummaries(manager, customer.id, 3),
    openCart: cart ? await loadCart(manager, cart.id, currency) : null,
    registeredAt: toIso(customer.registered_at),
    how: customer.registered_via,
  };
}
