import { Inject, Injectable, Logger } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { paymentNotificationV1, walletCreditedV1, walletTopUpStartV1, type ReplyOf, type RequestOf, type WalletTopUpPayment } from '@callcart/contracts';
import { requestFailure } from '@callcart/messaging';
import type { EntityManager } from 'typeorm';
import { ORDERS_CONFIG, type OrdersConfig } from '../orders.config';
import { enqueueEvent } from '../outbox/outbox';
import { applyLedgerChange } from '../payments/wallet-ledger';
import { rows, toAmount, toIso, Transactions } from '../shared/transaction';
import { PaymentProvider, PaymentProviderError, type NotificationReading } from './payment-provider';

interface TopUpRow {
  id: string;
  customer_id: string;
  provider: 'alipay';
  amount_minor: string;
  currency: string;
  state: WalletTopUpPayment['state'];
  pay_url: string | null;
  expires_at: Date;
}

type Outcome = ReplyOf<typeof paymentNotificationV1> extends infer R ? (R extends { ok: true; outcome: infer O } ? O : never) : never;

/** Outcomes after which the provider may stop notifying: handled, or nothing to do. */
const ACCEPTED: ReadonlySet<Outcome> = new Set<Outcome>(['credited', 'already-credited', 'not-paid-yet', 'closed']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toPayment(row: TopUpRow): WalletTopUpPayment {
  return {
    topUpId: row.id,
    amount: { amountMinor: toAmount(row.amount_minor), currency: row.currency },
    state: row.state,
    provider: row.provider,
    payUrl: row.pay_url ?? '',
    expiresAt: toIso(row.expires_at),
  };
}

/**
 * Customers topping up their own wallet through a payment provider: a top-up is a pending row
 * with a deadline; only the provider's verified notification credits the wallet, once per top-up
 * (the row's lock and state) and once per provider trade (a unique index), in the transaction
 * that writes the ledger entry. The provider's call happens outside any transaction, after the
 * row is committed, so a notification can never arrive for a top-up we have not stored.
 */
@Injectable()
export class TopUpsService {
  private readonly logger = new Logger('TopUps');
  private readonly notifications: Counter<'provider' | 'outcome'>;

  constructor(
    private readonly transactions: Transactions,
    @Inject(PaymentProvider) private readonly provider: PaymentProvider | null,
    @Inject(ORDERS_CONFIG) private readonly config: OrdersConfig,
    @Inject(Registry) registry: Registry,
  ) {
    this.notifications = new Counter({
      name: 'callcart_orders_payment_notifications_total',
      help: "Payment providers' notifications, by outcome (credited, already-credited, forged, amount-mismatch, …)",
      labelNames: ['provider', 'outcome'],
      registers: [registry],
    });
  }

  async start(request: RequestOf<typeof walletTopUpStartV1>): Promise<ReplyOf<typeof walletTopUpStartV1>> {
    const { provider } = this;
    const { windowMs, maxMinor } = this.config.topUps;
    if (!provider) return requestFailure('TOP_UPS_DISABLED', 'customers cannot top up their wallet here: ask the shop');
    if (request.amount.amountMinor > maxMinor) return requestFailure('AMOUNT_OUT_OF_RANGE', `a top-up is at most ${maxMinor} (${request.amount.currency} minor units)`);
    const stored = await this.transactions.decide(async (manager) => {
      const [wallet] = await rows<{ currency: string }>(manager, `SELECT "currency" FROM @.wallet WHERE "customer_id" = $1`, [request.customerId]);
      if (!wallet) return requestFailure('CUSTOMER_NOT_FOUND', 'no wallet: the customer is not registered');
      if (wallet.currency !== request.amount.currency) return requestFailure('CURRENCY_MISMATCH', `the wallet holds ${wallet.currency}, not ${request.amount.currency}`);
      await rows(
        manager,
        `INSERT INTO @.wallet_top_up ("id", "customer_id", "provider", "amount_minor", "currency", "idempotency_key", "state", "expires_at")
         VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, 'pending', now() + make_interval(secs => $6::double precision / 1000))
         ON CONFLICT ("customer_id", "idempotency_key") DO NOTHING`,
        [request.customerId, provider.name, request.amount.amountMinor, request.amount.currency, request.idempotencyKey, windowMs],
      );
      const [row] = await rows<TopUpRow>(manager, `SELECT * FROM @.wallet_top_up WHERE "customer_id" = $1 AND "idempotency_key" = $2`, [request.customerId, request.idempotencyKey]);
      return { ok: true as const, row };
    });
    if (!stored.ok) return stored;
    const { row } = stored;
    if (row.state !== 'pending' || row.pay_url) return { ok: true, topUp: toPayment(row) };
    try {
      // Asked again for the same top-up, the provider answers the same payment (Alipay keys it by out_trade_no).
      const { payUrl } = await provider.startPayment({ topUpId: row.id, amountMinor: toAmount(row.amount_minor), currency: row.currency, expiresAt: row.expires_at });
      const [updated] = await this.transactions.run((manager) =>
        rows<TopUpRow>(manager, `UPDATE @.wallet_top_up SET "pay_url" = coalesce("pay_url", $2) WHERE "id" = $1 RETURNING *`, [row.id, payUrl]),
      );
      return { ok: true, topUp: toPayment(updated) };
    } catch (error) {
      if (!(error instanceof PaymentProviderError)) throw error;
      this.logger.warn({ msg: 'top-up payment not started', provider: provider.name, topUpId: row.id, detail: error.message });
      return requestFailure('PAYMENT_PROVIDER_UNAVAILABLE', 'the payment could not be started: try again');
    }
  }

  /** Handles a provider's notification; always answers what the provider expects to hear. */
  async notify(request: RequestOf<typeof paymentNotificationV1>): Promise<ReplyOf<typeof paymentNotificationV1>> {
    const { provider } = this;
    if (!provider || provider.name !== request.provider) {
      return { ok: true, outcome: 'unconfigured', response: { status: 404, contentType: 'text/plain; charset=utf-8', body: 'failure' } };
    }
    const reading = provider.readNotification(request.fields);
    const outcome = reading.kind === 'verified' ? await this.transactions.run((manager) => this.settle(manager, provider.name, reading)) : reading.kind;
    const accepted = ACCEPTED.has(outcome);
    this.notifications.inc({ provider: provider.name, outcome });
    const log = { msg: 'payment notification', provider: provider.name, outcome, topUpId: reading.kind === 'verified' ? reading.topUpId : undefined, tradeNo: reading.kind === 'verified' ? reading.providerTradeNo : undefined };
    if (accepted) this.logger.log(log);
    else this.logger.warn(log);
    return { ok: true, outcome, response: provider.answer(accepted) };
  }

  private async settle(manager: EntityManager, providerName: 'alipay', reading: Extract<NotificationReading, { kind: 'verified' }>): Promise<Outcome> {
    if (!UUID.test(reading.topUpId)) return 'unknown-payment';
    const [topUp] = await rows<TopUpRow>(manager, `SELECT * FROM @.wallet_top_up WHERE "id" = $1 FOR UPDATE`, [reading.topUpId]);
    if (!topUp || topUp.provider !== providerName) return 'unknown-payment';
    if (reading.amountMinor !== toAmount(topUp.amount_minor)) return 'amount-mismatch';
    switch (reading.status) {
      case 'pending':
        return 'not-paid-yet';
      case 'closed':
        await rows(manager, `UPDATE @.wallet_top_up SET "state" = 'expired' WHERE "id" = $1 AND "state" = 'pending'`, [topUp.id]);
        return 'closed';
      case 'paid': {
        if (topUp.state === 'paid') return 'already-credited';
        // Credited even after our deadline: the customer's money was taken, it must reach the wallet.
        const entry = await applyLedgerChange(manager, topUp.customer_id, {
          kind: 'paid-in',
          amountMinor: toAmount(topUp.amount_minor),
          provider: providerName,
          providerTradeNo: reading.providerTradeNo,
          topUpId: topUp.id,
        });
        if (!entry) throw new Error('a credit cannot make a balance negative');
        await rows(manager, `UPDATE @.wallet_top_up SET "state" = 'paid', "provider_trade_no" = $2, "paid_at" = now() WHERE "id" = $1`, [topUp.id, reading.providerTradeNo]);
        await enqueueEvent(manager, walletCreditedV1, { customerId: topUp.customer_id, topUpId: topUp.id, entry, balance: entry.balanceAfter });
        return 'credited';
      }
      default: {
        const unknownStatus: never = reading.status;
        throw new Error(`unknown payment status ${String(unknownStatus)}`);
      }
    }
  }
}
