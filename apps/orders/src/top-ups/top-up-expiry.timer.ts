import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ORDERS_CONFIG, type OrdersConfig } from '../orders.config';
import { rows, Transactions } from '../shared/transaction';
import { DueSweeper } from '../timers/due-sweeper';

/**
 * A top-up the customer abandons expires at its deadline (TOP_UP_WINDOW), a row timer like the
 * payment window: claimed with SKIP LOCKED, so a notification holding the row's lock is never
 * waited for, and each top-up expires once whatever the number of replicas. The provider was
 * told the same deadline, after which it refuses the payment.
 */
@Injectable()
export class TopUpExpiryTimer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly sweeper: DueSweeper;

  constructor(
    private readonly transactions: Transactions,
    @Inject(ORDERS_CONFIG) config: OrdersConfig,
  ) {
    this.sweeper = new DueSweeper(TopUpExpiryTimer.name, config.timerPollIntervalMs, 100, (batch) => this.expireDue(batch));
  }

  onApplicationBootstrap(): void {
    this.sweeper.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sweeper.stop();
  }

  /** Expires up to `batch` overdue pending top-ups; returns how many. */
  async expireDue(batch: number): Promise<number> {
    const expired = await this.transactions.run((manager) =>
      rows(
        manager,
        `UPDATE @.wallet_top_up SET "state" = 'expired' WHERE "id" IN (
           SELECT "id" FROM @.wallet_top_up WHERE "state" = 'pending' AND "expires_at" <= now() ORDER BY "expires_at" LIMIT $1 FOR UPDATE SKIP LOCKED
         ) RETURNING "id"`,
        [batch],
      ),
    );
    return expired.length;
  }
}
