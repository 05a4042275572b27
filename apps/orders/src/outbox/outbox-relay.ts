import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ALL_CONTRACTS, type EventContract } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { ORDERS_CONFIG, type OrdersConfig } from '../orders.config';
import { rows, Transactions } from '../shared/transaction';

const EVENT_CONTRACTS = new Map(
  ALL_CONTRACTS.filter((contract): contract is EventContract => contract.kind === 'event').map((contract) => [contract.subject, contract]),
);
const BATCH = 200;

interface PendingEvent {
  seq: string;
  id: string;
  subject: string;
  payload: unknown;
  call_id: string | null;
  correlation_id: string | null;
}

/**
 * Publishes the outbox's events in the order they were written. It runs right after each commit
 * of this replica and every poll interval (for other replicas' events and retries). One replica at
 * a time relays (a transaction-scoped advisory lock), which keeps the order: `payment settled`
 * always precedes `ready to ship`. A publish that fails leaves the event for the next round.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly transactions: Transactions,
    private readonly bus: MessageBus,
    @Inject(ORDERS_CONFIG) private readonly config: OrdersConfig,
  ) {
    transactions.onCommitted(() => this.kick());
  }

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Relays now (or right after the round in progress). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.relayUntilEmpty()
      .catch((error: unknown) => this.logger.error({ msg: 'outbox relay failed; will retry', err: error }))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves once everything pending when called has been relayed (for tests and shutdown). */
  async drain(): Promise<void> {
    while (this.running) await this.running;
    await this.relayUntilEmpty();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.kick();
      this.schedule();
    }, this.config.timerPollIntervalMs);
  }

  private async relayUntilEmpty(): Promise<void> {
    while (!this.stopped && (await this.relayBatch()) === BATCH) {
      /* a full batch: more may be waiting */
    }
  }

  private async relayBatch(): Promise<number> {
    return this.transactions.dataSource.transaction(async (manager) => {
      const [{ locked }] = await rows<{ locked: boolean }>(manager, `SELECT pg_try_advisory_xact_lock(hashtext('callcart:orders:outbox')) AS locked`);
      if (!locked) return 0;
      const pending = await rows<PendingEvent>(
        manager,
        `SELECT "seq", "id", "subject", "payload", "call_id", "correlation_id" FROM @.outbox_event
         WHERE "published_at" IS NULL ORDER BY "seq" LIMIT ${BATCH}`,
      );
      const published: string[] = [];
      let failure: unknown;
      for (const event of pending) {
        const contract = EVENT_CONTRACTS.get(event.subject);
        try {
          if (!contract) throw new Error(`outbox holds an event for unknown subject ${event.subject}`);
          await this.bus.publish(contract, event.payload as never, {
            messageId: event.id,
            callId: event.call_id ?? undefined,
            correlationId: event.correlation_id ?? undefined,
          });
          published.push(event.seq);
        } catch (error) {
          failure = error;
          break;
        }
      }
      if (published.length > 0) {
        await rows(manager, `UPDATE @.outbox_event SET "published_at" = now() WHERE "seq" = ANY($1::bigint[])`, [published]);
      }
      if (failure) {
        this.logger.warn({ msg: 'outbox publish failed; the rest waits for the next round', err: failure });
        return 0;
      }
      return pending.length;
    });
  }
}
