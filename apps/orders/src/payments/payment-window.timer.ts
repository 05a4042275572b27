import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Registry } from 'prom-client';
import { ORDERS_CONFIG, type OrdersConfig } from '../orders.config';
import { OrderStates } from '../orders/order-process';
import type { OrderRow } from '../orders/order-records';
import { DueSweeper } from '../timers/due-sweeper';
import { notHeldSql, TimerItems } from '../timers/timer-items';
import { rows, Transactions } from '../shared/transaction';
import { settleOrder } from './settlement';

/**
 * The payment window: an order still unpaid at its deadline switches to cash on delivery and
 * ships anyway. Rows are claimed with SKIP LOCKED, so a wallet payment holding an order's lock
 * is never waited for here: that order is left to the payment (and, if the payment fails, picked
 * up on the next sweep). Each order settles behind its own savepoint: one that fails is counted,
 * retried with backoff and parked after TIMER_MAX_ATTEMPTS, and never holds back the others.
 */
const TIMER = 'payment-window';

@Injectable()
export class PaymentWindowTimer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly sweeper: DueSweeper;
  private readonly items: TimerItems;

  constructor(
    private readonly transactions: Transactions,
    @Inject(ORDERS_CONFIG) config: OrdersConfig,
    @Inject(Registry) registry: Registry,
  ) {
    this.items = new TimerItems(TIMER, { maxAttempts: config.timerMaxAttempts, pollIntervalMs: config.timerPollIntervalMs }, registry);
    this.sweeper = new DueSweeper(PaymentWindowTimer.name, config.timerPollIntervalMs, 50, (batch) => this.expireDue(batch), 4);
  }

  onApplicationBootstrap(): void {
    this.sweeper.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sweeper.stop();
  }

  /** Switches up to `batch` overdue orders to cash on delivery; returns how many were due. */
  async expireDue(batch: number): Promise<number> {
    return this.transactions.run(async (manager) => {
      const due = await rows<OrderRow>(
        manager,
        `SELECT "id", "customer_id", "idempotency_key", "state", "total_minor", "currency", "shipping_address", "placed_by", "call_id", "placed_at", "payment_due_at"
         FROM @.customer_order o WHERE "state" = '${OrderStates.awaitingPayment}' AND "payment_due_at" <= now() AND ${notHeldSql(TIMER, 'o."id"::text')}
         ORDER BY "payment_due_at" LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batch],
      );
      return this.items.fireEach(manager, due, (order) => order.id, (order) => settleOrder(manager, order, 'cash-on-delivery', null));
    });
  }
}
