import { randomUUID } from 'node:crypto';
import { GatewayClient, type LiveFeed, type LiveMessage, signInCodeFromOutbox } from '@callcart/gateway-client';

/**
 * A customer on the shop: signs in with the one-time code, which the admin reads from the
 * development SMS outbox (the suites run with SMS_SENDER=outbox), follows their own live socket and pays.
 */
export class ShopCustomer {
  private constructor(
    readonly client: GatewayClient,
    readonly customerId: string,
    readonly live: LiveFeed,
  ) {}

  /** Requests a code for `phone`, reads it from the outbox as `admin`, signs in (registering a new number). */
  static async signIn(gatewayUrl: string, admin: GatewayClient, phone: string): Promise<ShopCustomer> {
    const askedAt = new Date();
    await GatewayClient.requestCustomerCode(gatewayUrl, phone);
    const code = await signInCodeFromOutbox(admin, phone, askedAt);
    const client = await GatewayClient.signInCustomer(gatewayUrl, phone, code);
    const me = await client.get<{ kind: string; customerId?: string }>('/api/auth/me');
    if (me.kind !== 'customer' || !me.customerId) throw new Error(`signed in as ${JSON.stringify(me)}, not a customer`);
    const live = await client.live();
    await live.next('hello');
    return new ShopCustomer(client, me.customerId, live);
  }

  /** Pays an order awaiting payment from the wallet; the answer has the payment and the balance after it. */
  pay(orderId: string): Promise<{ payment: { method: string; amount: { amountMinor: number } }; balance: { amountMinor: number } }> {
    return this.client.post(`/api/shop/orders/${orderId}/pay`, { idempotencyKey: `shop-${randomUUID()}` });
  }

  async walletBalanceMinor(): Promise<number> {
    const wallet = await this.client.get<{ wallet: { balance: { amountMinor: number } } }>('/api/shop/wallet');
    return wallet.wallet.balance.amountMinor;
  }

  /** Frames of `type` on the customer's own socket. */
  frames(type: string): LiveMessage[] {
    return this.live.messages.filter((message) => message.type === type);
  }

  async close(): Promise<void> {
    await this.live.close();
  }
}

/** The admin credits a customer's wallet (money paid in by bank transfer); returns the new balance. */
export async function topUpWallet(admin: GatewayClient, customerId: string, amountMinor: number): Promise<number> {
  const topUp = await admin.post<{ wallet: { balance: { amountMinor: number } } }>('/api/admin/wallet-top-ups', {
    customerId,
    amount: { amountMinor, currency: 'CNY' },
    reason: 'e2e: prepaid by bank transfer',
    idempotencyKey: `top-up-${randomUUID()}`,
  });
  return topUp.wallet.balance.amountMinor;
}
