import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Registry } from 'prom-client';
import type { EntityManager } from 'typeorm';
import { ALL_CONTRACTS, type EventContract } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { ORDERS_CONFIG, type OrdersConfig } from '../orders.config';
import { describeError, retryDelayMs } from '../shared/retry-backoff';
import { rows, Transactions } from '../shared/transaction';
import { DueSweeper } from '../timers/due-sweeper';
import { OutboxMetrics } from './outbox.metrics';
import { pruneDelivered, pruneIntervalMs, PRUNE_BATCH } from './outbox-retention';

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
  attempts: number;
}

/**
 * Publishes the outbox's events in the order they were written. It runs right after each commit
 * of this replica and every poll interval (for other replicas' events and retries). One replica at
 * a time relays (a transaction-scoped advisory lock), which keeps the order: `payment settled`
 * always precedes `ready to ship`. A publish that fails is retried with backoff and parked after
 * OUTBOX_MAX_ATTEMPTS; only later events of the same aggregate (correlation id) wait behind it,
 * the others go on (decision 0085). Published events and processed inbox messages are pruned
 * after OUTBOX_RETENTION.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private readonly metrics: OutboxMetrics;
  private readonly pruner: DueSweeper;

  constructor(
    private readonly transactions: Transactions,
    private readonly bus: MessageBus,
    @Inject(ORDERS_CONFIG) private readonly config: OrdersConfig,
    @Inject(Registry) registry: Registry,
  ) {
    this.metrics = new OutboxMetrics(registry);
    this.pruner = new DueSweeper('OutboxRetention', pruneIntervalMs(config.outbox.retentionMs, config.timerPollIntervalMs), PRUNE_BATCH, () => this.prune());
    transactions.onCommitted(() => this.kick());
  }

  onApplicationBootstrap(): void {
    this.schedule();
    this.pruner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.all([this.running, this.pruner.stop()]);
  }

  private async prune(): Promise<number> {
    const pruned = await this.transactions.dataSource.transaction((manager) => pruneDelivered(manager, this.config.outbox.retentionMs));
    this.metrics.pruned.inc(pruned);
    return pruned;
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
      // Due events, except those behind an earlier event of the same aggregate that is parked
      // or waiting for its retry: order holds per aggregate (correlation id), not globally.
      const pending = await rows<PendingEvent>(
        manager,
        `SELECT e."seq", e."id", e."subject", e."payload", e."call_id", e."correlation_id", e."attempts" FROM @.outbox_event e
         WHERE e."published_at" IS NULL AND e."parked_at" IS NULL AND (e."retry_at" IS NULL OR e."retry_at" <= now())
           AND NOT EXISTS (
             SELECT 1 FROM @.outbox_event held
             WHERE held."correlation_id" = e."correlation_id" AND held."seq" < e."seq" AND held."published_at" IS NULL
               AND (held."parked_at" IS NOT NULL OR held."retry_at" > now()))
         ORDER BY e."seq" LIMIT ${BATCH}`,
      );
      const published: string[] = [];
      const heldAggregates = new Set<string>();
      for (const event of pending) {
        if (event.correlation_id !== null && heldAggregates.has(event.correlation_id)) continue;
        try {
          await this.publish(event);
          published.push(event.seq);
        } catch (error) {
          if (event.correlation_id !== null) heldAggregates.add(event.correlation_id);
          await this.recordFailure(manager, event, error);
        }
      }
      if (published.length > 0) {
        await rows(manager, `UPDATE @.outbox_event SET "published_at" = now() WHERE "seq" = ANY($1::bigint[])`, [published]);
      }
      return pending.length;
    });
  }

  private async publish(event: PendingEvent): Promise<void> {
    const contract = EVENT_CONTRACTS.get(event.subject);
    if (!contract) throw new Error(`outbox holds an event for unknown subject ${event.subject}`);
    await this.bus.publish(contract, event.payload as never, {
      messageId: event.id,
      callId: event.call_id ?? undefined,
      correlationId: event.correlation_id ?? undefined,
    });
  }

  /**
   * Counts a failed publish and sets the event's next attempt (backing off), or parks it after
   * OUTBOX_MAX_ATTEMPTS. Logs the first failure and the parking, not every retry.
   */
  private async recordFailure(manager: EntityManager, event: PendingEvent, error: unknown): Promise<void> {
    const attempts = event.attempts + 1;
    const parked = attempts >= this.config.outbox.maxAttempts;
    await rows(
      manager,
      `UPDATE @.outbox_event SET "attempts" = $2, "last_error" = $3,
         "retry_at" = now() + make_interval(secs => $4::double precision / 1000), "parked_at" = CASE WHEN $5 THEN now() END
       WHERE "seq" = $1`,
      [event.seq, attempts, describeError(error), retryDelayMs(attempts, this.config.timerPollIntervalMs), parked],
    );
    this.metrics.publishFailures.inc({ subject: event.subject });
    const context = { eventId: event.id, subject: event.subject, correlationId: event.correlation_id, attempts, err: error };
    if (parked) {
      this.metrics.parked.inc({ subject: event.subject });
      this.logger.error({ msg: 'outbox event parked after repeated publish failures; its aggregate waits behind it', ...context });
    } else if (attempts === 1) {
      this.logger.warn({ msg: 'outbox publish failed; retrying with backoff while other aggregates go on', ...context });
    }
  }
}
