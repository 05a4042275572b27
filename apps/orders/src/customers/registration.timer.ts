import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Registry } from 'prom-client';
import { ORDERS_CONFIG, type OrdersConfig } from '../orders.config';
import { DueSweeper } from '../timers/due-sweeper';
import { notHeldSql, TimerItems } from '../timers/timer-items';
import { rows, Transactions } from '../shared/transaction';
import { registerCustomer } from './registration';

/**
 * Registration at the call-length threshold: an unknown caller still on the line when the call
 * has lasted REGISTRATION_THRESHOLD is registered with their number as username. The deadline is
 * a row; whichever replica claims it first registers, once. Each caller registers behind its own
 * savepoint, so one that fails is parked after TIMER_MAX_ATTEMPTS without holding back the others.
 */
const TIMER = 'registration';

@Injectable()
export class RegistrationTimer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RegistrationTimer.name);
  private readonly sweeper: DueSweeper;
  private readonly items: TimerItems;

  constructor(
    private readonly transactions: Transactions,
    @Inject(ORDERS_CONFIG) private readonly config: OrdersConfig,
    @Inject(Registry) registry: Registry,
  ) {
    this.items = new TimerItems(TIMER, { maxAttempts: config.timerMaxAttempts, pollIntervalMs: config.timerPollIntervalMs }, registry);
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
        `SELECT "call_id", "phone" FROM @.call_session c
         WHERE "status" = 'active' AND "customer_id" IS NULL AND "registration_due_at" <= now() AND ${notHeldSql(TIMER, 'c."call_id"')}
         ORDER BY "registration_due_at" LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batch],
      );
      return this.items.fireEach(manager, due, (call) => call.call_id, async (call) => {
        const { created } = await registerCustomer(manager, { phone: call.phone, how: 'call-threshold', callId: call.call_id, currency: this.config.currency });
        this.logger.log({ msg: created ? 'caller registered at the call-length threshold' : 'caller already registered; call linked', callId: call.call_id });
      });
    });
  }
}
