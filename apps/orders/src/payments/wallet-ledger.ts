import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Wallet, WalletLedgerEntry } from '@callcart/contracts';
import { rows, toAmount, toIso } from '../shared/transaction';

interface EntryRow {
  id: string;
  kind: WalletLedgerEntry['kind'];
  amount_minor: string;
  balance_after_minor: string;
  currency: string;
  order_id: string | null;
  reason: string | null;
  staff_id: string | null;
  provider: 'alipay' | null;
  provider_trade_no: string | null;
  top_up_id: string | null;
  created_at: Date;
}

export type LedgerChange =
  | { kind: 'top-up'; amountMinor: number; reason: string; staffId: string; callId?: string; idempotencyKey: string; requestHash: string }
  | { kind: 'payment'; amountMinor: number; orderId: string }
  | { kind: 'refund'; amountMinor: number; orderId: string }
  | { kind: 'paid-in'; amountMinor: number; provider: 'alipay'; providerTradeNo: string; topUpId: string };

/**
 * Moves money in or out of a wallet: the balance changes and the ledger gets its entry in the
 * same statement pair, and a debit that would take the balance below zero changes nothing
 * (returns undefined). Payments are negative amounts, credits positive, so the balance is
 * always the ledger's sum.
 */
export async function applyLedgerChange(
  manager: EntityManager,
  customerId: string,
  change: LedgerChange,
): Promise<WalletLedgerEntry | undefined> {
  const signed = change.kind === 'payment' ? -change.amountMinor : change.amountMinor;
  const [wallet] = await rows<{ balance_minor: string; currency: string }>(
    manager,
    `UPDATE @.wallet SET "balance_minor" = "balance_minor" + $2 WHERE "customer_id" = $1 AND "balance_minor" + $2 >= 0
     RETURNING "balance_minor", "currency"`,
    [customerId, signed],
  );
  if (!wallet) return undefined;
  const paidIn = change.kind === 'paid-in' ? change : undefined;
  const [entry] = await rows<EntryRow>(
    manager,
    `INSERT INTO @.wallet_entry ("id", "customer_id", "kind", "amount_minor", "balance_after_minor", "currency", "order_id", "reason", "staff_id", "call_id", "idempotency_key", "provider", "provider_trade_no", "top_up_id", "request_hash")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING *`,
    [
      randomUUID(),
      customerId,
      change.kind,
      signed,
      wallet.balance_minor,
      wallet.currency,
      change.kind === 'payment' || change.kind === 'refund' ? change.orderId : null,
      change.kind === 'top-up' ? change.reason : null,
      change.kind === 'top-up' ? change.staffId : null,
      change.kind === 'top-up' ? (change.callId ?? null) : null,
      change.kind === 'top-up' ? change.idempotencyKey : null,
      paidIn?.provider ?? null,
      paidIn?.providerTradeNo ?? null,
      paidIn?.topUpId ?? null,
      change.kind === 'top-up' ? change.requestHash : null,
    ],
  );
  return toLedgerEntry(entry);
}

export function toLedgerEntry(entry: EntryRow): WalletLedgerEntry {
  const base = {
    entryId: entry.id,
    balanceAfter: { amountMinor: toAmount(entry.balance_after_minor), currency: entry.currency },
    at: toIso(entry.created_at),
  };
  const amount = { amountMinor: toAmount(entry.amount_minor), currency: entry.currency };
  switch (entry.kind) {
    case 'top-up':
      return { ...base, kind: 'top-up', amount, reason: entry.reason as string, staffId: entry.staff_id as string };
    case 'payment':
      return { ...base, kind: 'payment', amount, orderId: entry.order_id as string };
    case 'refund':
      return { ...base, kind: 'refund', amount, orderId: entry.order_id as string };
    case 'paid-in':
      return { ...base, kind: 'paid-in', amount, provider: entry.provider as 'alipay', providerTradeNo: entry.provider_trade_no as string, topUpId: entry.top_up_id as string };
    default: {
      const unknownKind: never = entry.kind;
      throw new Error(`unknown ledger entry kind ${String(unknownKind)}`);
    }
  }
}

/** The top-up an idempotency key already made, with the fingerprint of the request that made it. */
export async function topUpByKey(
  manager: EntityManager,
  customerId: string,
  key: string,
): Promise<{ entry: WalletLedgerEntry; requestHash: string | null } | undefined> {
  const [entry] = await rows<EntryRow & { request_hash: string | null }>(
    manager,
    `SELECT * FROM @.wallet_entry WHERE "customer_id" = $1 AND "kind" = 'top-up' AND "idempotency_key" = $2`,
    [customerId, key],
  );
  return entry ? { entry: toLedgerEntry(entry), requestHash: entry.request_hash } : undefined;
}

/** What one staff member has credited over the last 24 hours, in minor units (for the daily top-up limit). */
export async function toppedUpToday(manager: EntityManager, staffId: string): Promise<number> {
  const [row] = await rows<{ total: string }>(
    manager,
    `SELECT COALESCE(sum("amount_minor"), 0) AS total FROM @.wallet_entry WHERE "kind" = 'top-up' AND "staff_id" = $1 AND "created_at" > now() - interval '24 hours'`,
    [staffId],
  );
  return toAmount(row.total);
}

/** The wallet with its latest entries, newest first. */
export async function loadWallet(manager: EntityManager, customerId: string, entries = 20): Promise<Wallet | undefined> {
  const [wallet] = await rows<{ balance_minor: string; currency: string }>(
    manager,
    `SELECT "balance_minor", "currency" FROM @.wallet WHERE "customer_id" = $1`,
    [customerId],
  );
  if (!wallet) return undefined;
  const recent = await rows<EntryRow>(manager, `SELECT * FROM @.wallet_entry WHERE "customer_id" = $1 ORDER BY "seq" DESC LIMIT $2`, [customerId, entries]);
  return {
    customerId,
    balance: { amountMinor: toAmount(wallet.balance_minor), currency: wallet.currency },
    recentEntries: recent.map(toLedgerEntry),
  };
}
