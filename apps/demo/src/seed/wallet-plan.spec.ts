import type { Wallet } from '@callcart/contracts';
import { planWalletTopUp } from './wallet-plan';

const policy = { currency: 'CNY', targetMinor: 100_000, floorMinor: 50_000 };
const customerId = '8f0f3d7e-5a53-4a49-9d3e-5b1f3c1d2e10';
const wallet = (amountMinor: number, newestEntryId?: string): Pick<Wallet, 'customerId' | 'balance' | 'recentEntries'> => ({
  customerId,
  balance: { amountMinor, currency: 'CNY' },
  recentEntries: newestEntryId
    ? [{ kind: 'payment', entryId: newestEntryId, amount: { amountMinor: -21_900, currency: 'CNY' }, orderId: '0f0e0d0c-0b0a-4909-8807-060504030201', balanceAfter: { amountMinor, currency: 'CNY' }, at: '2025-03-14T01:26:53.589Z' }]
    : [],
});

describe('planWalletTopUp', () => {
  it('tops an empty wallet up to the target, keyed to the empty wallet', () => {
    expect(planWalletTopUp(wallet(0), policy)).toEqual({ amountMinor: 100_000, idempotencyKey: `demo-seed:${customerId}:empty` });
  });

  it('leaves a wallet at or above the floor alone, so a second seed changes nothing', () => {
    expect(planWalletTopUp(wallet(50_000, 'a1'), policy)).toBeNull();
    expect(planWalletTopUp(wallet(100_000, 'a1'), policy)).toBeNull();
  });

  it('brings a wallet below the floor back to the target, keyed to its newest entry (same wallet state → same key)', () => {
    const low = planWalletTopUp(wallet(34_300, '5e8b6f0a-1111-4222-8333-944455556666'), policy);
    expect(low).toEqual({ amountMinor: 65_700, idempotencyKey: `demo-seed:${customerId}:5e8b6f0a-1111-4222-8333-944455556666` });
    expect(planWalletTopUp(wallet(34_300, '5e8b6f0a-1111-4222-8333-944455556666'), policy)).toEqual(low);
    expect(planWalletTopUp(wallet(12_400, 'another-entry'), policy)?.idempotencyKey).not.toBe(low?.idempotencyKey);
  });

  it('refuses a wallet in another currency', () => {
    expect(() => planWalletTopUp({ ...wallet(0), balance: { amountMinor: 0, currency: 'USD' } }, policy)).toThrow(/USD/);
  });
});
