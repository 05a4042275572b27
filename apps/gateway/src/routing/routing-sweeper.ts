import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { GatewaySql } from '../shared/sql';
import { requeueCall } from './call-requeue';
import { CallRoutingService } from './call-routing.service';
import { CallTransferService } from './call-transfer.service';
import { DeskPresence } from './desk-presence';
import { type CallRow, notifyAgentStatus } from './routed-call.row';

/** How often every replica looks for lapsed rings, transfers and wrap-ups (the brief's ≤ 1 s). */
export const SWEEP_INTERVAL_MS = 500;

/**
 * Routing's timers, swept by every gateway replica (decision 0051): a ring that lapsed goes back
 * to the queue at its place and its agent becomes unavailable (`missed-call`, call-centre
 * practice: a desk nobody answers is not rung again at once); a transfer that lapsed is
 * withdrawn; an agent whose wrap-up ended is told so; an agent whose every desk closed is made
 * unavailable and a call ringing there re-offered. Rows are claimed with `FOR UPDATE SKIP
 * LOCKED`, so with several replicas each lapse is handled once; then the queue is dispatched
 * (every pass: one advisory-locked transaction and one query when nothing waits).
 */
@Injectable()
export class RoutingSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RoutingSweeper.name);
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    private readonly sql: GatewaySql,
    private readonly routing: CallRoutingService,
    private readonly transfers: CallTransferService,
    private readonly desks: DeskPresence,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = this.sweep()
        .catch((error: unknown) => this.logger.error({ msg: 'routing sweep failed', err: error }))
        .finally(() => (this.sweeping = undefined));
    }, SWEEP_INTERVAL_MS).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  /** One pass: lapsed rings, transfers and wrap-ups, closed desks, then dispatch. */
  async sweep(): Promise<void> {
    await this.lapseRings();
    await this.transfers.lapseTransfers();
    await this.endWrapUps();
    await this.desks.closeAbandonedDesks();
    // Every pass, not only after a lapse: a dispatch that stepped over a call or an agent another
    // transaction held at that moment (SKIP LOCKED) is caught up within one pass.
    await this.routing.dispatch();
  }

  private async lapseRings(): Promise<number> {
    let lapsed = 0;
    while (
      await this.sql.transaction(async (tx) => {
        const [held] = await tx.query<CallRow>(
          `SELECT * FROM @.routed_call WHERE "status" = 'ringing' AND "ring_deadline" <= clock_timestamp()
           ORDER BY "ring_deadline" LIMIT 1 FOR UPDATE SKIP LOCKED`,
        );
        if (!held) return false;
        await requeueCall(tx, held, 'missed-call');
        return true;
      })
    ) {
      lapsed += 1;
    }
    return lapsed;
  }

  private async endWrapUps(): Promise<number> {
    return this.sql.transaction(async (tx) => {
      const ended = await tx.query<{ staff_id: string }>(
        `UPDATE @.agent_presence SET "wrap_up_until" = NULL, "wrap_up_call_id" = NULL
         WHERE "wrap_up_until" <= clock_timestamp() RETURNING "staff_id"`,
      );
      for (const { staff_id } of ended) await notifyAgentStatus(tx, staff_id);
      return ended.length;
    });
  }
}
