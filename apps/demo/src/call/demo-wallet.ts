import type { Money, Wallet } from '@callcart/contracts';
import type { GatewayClient } from '@callcart/gateway-client';
import { DEMO_WALLET } from '../demo-cast';
import { planWalletTopUp } from '../seed/wallet-plan';

/**
 * Repeated demo calls spend the demo wallet; below the seed's floor the admin tops it up again
 * with the seed's own policy and idempotency key (through the admin API the admin page uses), so
 * demo after demo keeps working without re-running the seed. Returns the new balance, or null
 * when the wallet was above the floor.
 */
export async function refillDemoWallet(admin: GatewayClient, customerId: string): Promise<Money | null> {
  const { wallet } = await admin.get<{ wallet: Wallet }>(`/api/customers/${customerId}/wallet`);
  const plan = planWalletTopUp(wallet, DEMO_WALLET);
  if (!plan) return null;
  const toppedUp = await admin.post<{ wallet: Wallet }>('/api/admin/wallet-top-ups', {
    customerId,
    amount: { amountMinor: plan.amountMinor, currency: DEMO_WALLET.currency },
    reason: 'callcart demo: prepaid balance for demo calls',
    idempotencyKey: plan.idempotencyKey,
  });
  return toppedUp.wallet.balance;
}
