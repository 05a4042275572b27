import type { EntityManager } from 'typeorm';
import type { Failure, RequestOf, walletTopUpV1 } from '@callcart/contracts';
import { requestFailure } from '@callcart/messaging';
import type { OrdersConfig } from '../orders.config';
import { rows } from '../shared/transaction';
import { toppedUpToday } from './wallet-ledger';

/**
 * No wallet balance passes this (10^15 minor units, CN¥10 trillion): far inside JavaScript's
 * safe integers (2^53 − 1 ≈ 9 × 10^15), so every sum of balances and amounts stays exact.
 */
export const WALLET_BALANCE_CEILING_MINOR = 10 ** 15;

/**
 * Checks a top-up against its staff role's limits (per top-up, and per staff member over the
 * last 24 hours) and the wallet's ceiling; undefined when it may go ahead. Holds a lock per
 * staff member to the end of the transaction, so two parallel top-ups cannot both fit under the
 * daily limit that only one of them fits.
 */
export async function topUpRefusal(
  manager: EntityManager,
  config: OrdersConfig,
  request: RequestOf<typeof walletTopUpV1>,
  balanceMinor: number,
): Promise<Failure<'TOP_UP_LIMIT' | 'BALANCE_LIMIT'> | undefined> {
  const role = request.staffRole ?? 'agent';
  const limit = config.topUpLimits[role];
  const amount = request.amount.amountMinor;
  if (amount > limit.perTopUpMinor) {
    return requestFailure('TOP_UP_LIMIT', `a ${role} may top up at most ${limit.perTopUpMinor} (${request.amount.currency} minor units) at once`);
  }
  await rows(manager, `SELECT pg_advisory_xact_lock(hashtext($1))`, [`callcart:top-ups-by:${request.staffId}`]);
  const today = await toppedUpToday(manager, request.staffId);
  if (today + amount > limit.perDayMinor) {
    return requestFailure('TOP_UP_LIMIT', `a ${role} may top up at most ${limit.perDayMinor} in 24 hours; ${today} is already credited`);
  }
  if (balanceMinor + amount > WALLET_BALANCE_CEILING_MINOR) {
    return requestFailure('BALANCE_LIMIT', `a wallet holds at most ${WALLET_BALANCE_CEILING_MINOR} (${request.amount.currency} minor units)`);
  }
  return undefined;
}
