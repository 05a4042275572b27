import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ORDERS_CONFIG, type OrdersConfig } from '../orders.config';
import { DueSweeper } from '../timers/due-sweeper';
import { rows, Transactions } from '../shared/transaction';
import { registerCustomer } from './registration';

/**
 * Registration at the call-length threshold: an unknown caller still on the line when the call
 * has lasted REGISTRATION_THRESHOLD is registered with their number as username. The deadline is
 * a row; whichever replica claims it first registers, once.
 */
@Injectable()
export class RegistrationTimer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RegistrationTimer.name);
  private readonly sweeper: DueSweeper;

  constructor(
    private readonly transactions: Transactions,
    @Inject(ORDERS_CONFIG) private readonly config: OrdersConfig,
  ) {
    this.sweeper = new DueSweeper(RegistrationTimer.name, config.timerPollIntervalMs, 50, (batch) => this.registerDue(batch));
  }

  onApplicationBootstrap(): void {
    this.sweeper.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sweeper.stop();
  }

  async registerDue(batch: number): Promise<number> {
    return this.transactions.run(async (manager) => {
      const due = await rows<{ call_id: string; phone: string }>(
        manager,
        `SELECT "call_id", "phone" FROM @.call_session
         WHERE "status" = 'active' AND "customer_id" IS NULL AND "registration_due_at" <= now()
         ORDER BY "registration_due_at" LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batch],
      );
      for (const call of due) {
        const { created } = await registerCustomer(manager, { phone: call.phone, how: 'call-threshold', callId: call.call_id, currency: this.config.currency });
        this.logger.log({ msg: created ? 'caller registered at the call-length threshold' : 'caller already registered; call linked', callId: call.call_id });
      }
      return due.length;
    });
  }
}
