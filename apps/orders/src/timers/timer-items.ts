import { Logger } from '@nestjs/common';
import { Counter, type Registry } from 'prom-client';
import type { EntityManager } from 'typeorm';
import { describeError, MAX_RETRY_DELAY_MS } from '../shared/retry-backoff';
import { rows } from '../shared/transaction';
import { FAILURE_LOG_EVERY_MS } from './due-sweeper';


/**
 * The SQL condition that leaves out a timer's items that failed and wait for their retry or are
 * parked; `keySql` is the item's key as text (e.g. `o."id"::text`). Put it in the due query.
 */
export function notHeldSql(timer: string, keySql: string): string {
  return `NOT EXISTS (SELECT 1 FROM @.timer_failure held WHERE held."timer" = '${timer.replaceAll("'", "''")}'
    AND held."item_key" = ${keySql} AND (held."parked_at" IS NOT NULL OR held."retry_at" > now()))`;
}

/**
 * Fires a timer's due items each behind its own savepoint (decision 0085): one item that fails
 * rolls back only itself, has its attempt counted in `timer_failure` with its error and a backed-off retry
 * time, and is parked after TIMER_MAX_ATTEMPTS (`callcart_timer_items_parked_total` to alert
 * on). The others fire. Logs are throttled: an item's first failure, its parking, and at most one
 * "still failing" line a minute.
 */
export class TimerItems {
  private readonly logger: Logger;
  private readonly failures: Counter<'timer'>;
  private readonly parked: Counter<'timer'>;
  private lastFailureLogAt = 0;

  constructor(
    private readonly timer: string,
    private readonly settings: { maxAttempts: number; pollIntervalMs: number },
    registry: Registry,
  ) {
    this.logger = new Logger(timer);
    this.failures = counter(registry, 'callcart_timer_item_failures_total', 'Timer items whose firing failed (each attempt counts), by timer');
    this.parked = counter(registry, 'callcart_timer_items_parked_total', 'Timer items parked after TIMER_MAX_ATTEMPTS failures, by timer; alert when it grows');
  }

  /**
   * Fires each claimed item inside the caller's transaction, each behind a savepoint: a failing
   * item's writes (and the events it enqueued) are rolled back and its failure recorded, the
   * others commit. The caller has locked the items (`FOR UPDATE SKIP LOCKED`) and left out held
   * ones with {@link notHeldSql}. Returns how many items there were.
   */
  async fireEach<T>(manager: EntityManager, items: readonly T[], keyOf: (item: T) => string, fire: (item: T) => Promise<unknown>): Promise<number> {
    const recovered: string[] = [];
    for (const item of items) {
      const key = keyOf(item);
      await manager.query('SAVEPOINT timer_item');
      try {
        await fire(item);
        await manager.query('RELEASE SAVEPOINT timer_item');
        recovered.push(key);
      } catch (error) {
        await manager.query('ROLLBACK TO SAVEPOINT timer_item');
        await this.recordFailure(manager, key, error);
      }
    }
    if (recovered.length > 0) {
      await rows(manager, `DELETE FROM @.timer_failure WHERE "timer" = $1 AND "item_key" = ANY($2::text[])`, [this.timer, recovered]);
    }
    return items.length;
  }

  private async recordFailure(manager: EntityManager, key: string, error: unknown): Promise<void> {
    const { maxAttempts, pollIntervalMs } = this.settings;
    const [{ attempts }] = await rows<{ attempts: number }>(
        manager,
        `INSERT INTO @.timer_failure AS f ("timer", "item_key", "attempts", "last_error", "retry_at")
         VALUES ($1, $2, 1, $3, now() + make_interval(secs => $4::double precision / 1000))
         ON CONFLICT ("timer", "item_key") DO UPDATE SET "attempts" = f."attempts" + 1, "last_error" = EXCLUDED."last_error",
           "retry_at" = now() + make_interval(secs => least($4::double precision * power(2, least(f."attempts", 20)), $6) / 1000),
           "parked_at" = CASE WHEN f."attempts" + 1 >= $5 THEN now() END
         RETURNING "attempts"`,
        [this.timer, key, describeError(error), pollIntervalMs, maxAttempts, MAX_RETRY_DELAY_MS],
      );
    this.failures.inc({ timer: this.timer });
    const context = { timer: this.timer, itemKey: key, attempts, err: error };
    if (attempts >= maxAttempts) {
      this.parked.inc({ timer: this.timer });
      this.logger.error({ msg: 'timer item parked after repeated failures; the others go on', ...context });
    } else if (attempts === 1) {
      this.logger.warn({ msg: 'timer item failed; retrying with backoff', ...context });
    } else if (Date.now() - this.lastFailureLogAt >= FAILURE_LOG_EVERY_MS) {
      this.lastFailureLogAt = Date.now();
      this.logger.warn({ msg: 'timer item still failing', ...context });
    }
  }
}

/** One counter per registry: several timers share it, told apart by their label. */
function counter(registry: Registry, name: string, help: string): Counter<'timer'> {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Counter<'timer'>;
  return new Counter({ name, help, labelNames: ['timer'], registers: [registry] });
}
