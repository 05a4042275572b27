import { Inject, Injectable } from '@nestjs/common';
import { walletGetV1, walletPayV1, walletTopUpV1, type ReplyOf, type RequestOf } from '@callcart/contracts';
import { requestFailure } from '@callcart/messaging';
import { auditStaffAction } from '../audit/staff-audit';
import { canTransition, OrderStates } from '../orders/order-process';
import { lockOrder, paymentOf } from '../orders/order-records';
import { ORDERS_CONFIG, type OrdersConfig } from '../orders.config';
import { keyReused, requestFingerprint, sameRequest } from '../shared/request-fingerprint';
import { rows, toAmount, Transactions } from '../shared/transaction';
import { settleOrder } from './settlement';
import { topUpRefusal } from './top-up-limits';
import { applyLedgerChange, loadWallet, topUpByKey } from './wallet-ledger';

/** The prepaid wallet: staff top-ups with a reason, and paying orders within their window. */
@Injectable()
export class WalletService {
  constructor(
    private readonly transactions: Transactions,
    @Inject(ORDERS_CONFIG) private readonly config: OrdersConfig,
  ) {}

  async get(request: RequestOf<typeof walletGetV1>): Promise<ReplyOf<typeof walletGetV1>> {
    return this.transactions.decide(async (manager) => {
      const wallet = await loadWallet(manager, request.customerId);
      return wallet ? { ok: true, wallet } : requestFailure('CUSTOMER_NOT_FOUND', 'no wallet: the customer is not registered');
    });
  }

  /**
   * Credits a wallet within the staff role's limits; the same idempotency key with the same
   * request again returns the first top-up, credited once, and with another request is refused.
   */
  async topUp(request: RequestOf<typeof walletTopUpV1>): Promise<ReplyOf<typeof walletTopUpV1>> {
    return this.transactions.decide(async (manager) => {
      const [wallet] = await rows<{ currency: string; balance_minor: string }>(
        manager,
        `SELECT "currency", "balance_minor" FROM @.wallet WHERE "customer_id" = $1 FOR UPDATE`,
        [request.customerId],
      );
      if (!wallet) return requestFailure('CUSTOMER_NOT_FOUND', 'no wallet: the customer is not registered');
      const earlier = await topUpByKey(manager, request.customerId, request.idempotencyKey);
      if (earlier) {
        if (!sameRequest(earlier.requestHash, request)) return keyReused('top-up');
        return { ok: true, entry: earlier.entry, wallet: (await loadWallet(manager, request.customerId))! };
      }
      if (wallet.currency !== request.amount.currency) {
        return requestFailure('CURRENCY_MISMATCH', `the wallet holds ${wallet.currency}, not ${request.amount.currency}`);
      }
      const refusal = await topUpRefusal(manager, this.config, request, toAmount(wallet.balance_minor));
      if (refusal) return refusal;
      const entry = await applyLedgerChange(manager, request.customerId, {
        kind: 'top-up',
        amountMinor: request.amount.amountMinor,
        reason: request.reason,
        staffId: request.staffId,
        idempotencyKey: request.idempotencyKey,
        requestHash: requestFingerprint(request),
      });
      if (!entry) throw new Error('a credit cannot make a balance negative');
      await auditStaffAction(manager, { kind: 'staff', staffId: request.staffId }, 'wallet.top-up', {
        customerId: request.customerId,
        details: { amountMinor: request.amount.amountMinor, reason: request.reason, staffRole: request.staffRole ?? null },
      });
      return { ok: true, entry, wallet: (await loadWallet(manager, request.customerId))! };
    });
  }

  /**
   * Pays an order in full from its customer's wallet, in one transaction holding the order's row
   * lock: the debit, the payment, the shipment and the events, or nothing. Racing the window's
   * expiry, whichever locks the order first settles it; the other finds it no longer awaiting.
   */
  async pay(request: RequestOf<typeof walletPayV1>): Promise<ReplyOf<typeof walletPayV1>> {
    return this.transactions.decide(async (manager) => {
      const order = await lockOrder(manager, request.orderId);
      const actingCustomer = request.actor?.kind === 'customer' ? request.actor.customerId : request.customerId;
      if (!order || order.customer_id !== request.customerId || actingCustomer !== request.customerId) {
        return requestFailure('ORDER_NOT_FOUND', 'no such order for this customer');
      }
      const [reused] = await rows(
        manager,
        `SELECT 1 FROM @.payment WHERE "customer_id" = $1 AND "idempotency_key" = $2 AND "order_id" <> $3 LIMIT 1`,
        [order.customer_id, request.idempotencyKey, order.id],
      );
      if (reused) return keyReused('payment (another order)');
      const [earlier] = await rows<{ idempotency_key: string | null }>(manager, `SELECT "idempotency_key" FROM @.payment WHERE "order_id" = $1`, [order.id]);
      if (earlier && earlier.idempotency_key === request.idempotencyKey) {
        const wallet = (await loadWallet(manager, order.customer_id, 0))!;
        return { ok: true, payment: (await paymentOf(manager, order.id))!, balance: wallet.balance };
      }
      if (!canTransition(order.state, OrderStates.paid)) {
        return requestFailure('NOT_AWAITING_PAYMENT', `the order is ${order.state.replaceAll('_', ' ')}, not awaiting payment`);
      }
      const [wallet] = await rows<{ currency: string; balance_minor: string }>(
        manager,
        `SELECT "currency", "balance_minor" FROM @.wallet WHERE "customer_id" = $1`,
        [order.customer_id],
      );
      if (wallet.currency !== order.currency) return requestFailure('CURRENCY_MISMATCH', `the wallet holds ${wallet.currency}, the order is in ${order.currency}`);
      const debit = await applyLedgerChange(manager, order.customer_id, { kind: 'payment', amountMinor: toAmount(order.total_minor), orderId: order.id });
      if (!debit) {
        return requestFailure('INSUFFICIENT_FUNDS', `the balance ${toAmount(wallet.balance_minor)} does not cover ${toAmount(order.total_minor)} (${order.currency} minor units)`);
      }
      const payment = await settleOrder(manager, order, 'wallet', request.idempotencyKey, request.actor);
      await auditStaffAction(manager, request.actor, 'wallet.pay', { customerId: order.customer_id, callId: order.call_id ?? undefined, details: { orderId: order.id } });
      return { ok: true, payment, balance: debit.balanceAfter };
    });
  }
}
