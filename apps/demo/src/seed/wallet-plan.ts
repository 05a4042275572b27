import type { Wallet } from '@callcart/contracts';

export interface WalletPolicy {
  readonly currency: string;
  /** What a top-up brings the balance back to, in minor units. */
  readonly targetMinor: number;
  /** Below this the wallet is topped up; at or above it, left alone. */
  readonly floorMinor: number;
}

export interface WalletTopUpPlan {
  readonly amountMinor: number;
  readonly idempotencyKey: string;
}

/**
 * Whether the demo wallet needs money, and how much. The idempotency key names the wallet's
 * newest ledger entry, so two seeds that see the same wallet (run at once, or retried after a lost
 * reply) top it up once between them, while a later seed, after demo payments added entries,
 * gets a fresh key.
 */
export function planWalletTopUp(wallet: Pick<Wallet, 'customerId' | 'balance' | 'recentEntries'>, policy: WalletPolicy): WalletTopUpPlan | null {
  if (wallet.balance.currency !== policy.currency) {
    throw new Error(`the demo wallet is in ${wallet.balance.currency}, the demo expects ${policy.currency}`);
  }
  if (wallet.balance.amountMinor >= policy.floorMinor) return null;
  const newest = wallet.recentEntries[0]?.entryId ?? 'empty';
  return { amountMinor: policy.targetMinor - wallet.balance.amountMinor, idempotencyKey: `demo-seed:${wallet.customerId}:${newest}` };
}
