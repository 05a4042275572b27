import { Logger } from '@nestjs/common';

/** How often, at most, a sweep that keeps failing is logged again. */
export const FAILURE_LOG_EVERY_MS = 60_000;

/**
 * Runs a sweep of due timer rows every interval, and again at once while a sweep finds a full
 * batch. Timers are rows with a deadline in PostgreSQL, claimed with `FOR UPDATE SKIP LOCKED`,
 * so they survive restarts and, with several replicas sweeping, each fires exactly once. A sweep
 * that fails as a whole is retried every interval but logged once a minute; one item's failure
 * belongs to `TimerItems`, which keeps it from failing the sweep.
 */
export class DueSweeper {
  private readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  /** Failed sweeps in a row (the database down, say): logged at the first, then once a minute. */
  private failedSweeps = 0;
  private lastFailureLogAt = 0;

  constructor(
    name: string,
    private readonly intervalMs: number,
    private readonly batchSize: number,
    private readonly sweep: (batchSize: number) => Promise<number>,
    /** Sweeps run side by side (SKIP LOCKED keeps them apart), so a burst of deadlines clears fast. */
    private readonly parallel = 1,
  ) {
    this.logger = new Logger(name);
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops sweeping and waits for a sweep in progress to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sweepUntilDone()
        .then(() => this.sweepSucceeded())
        .catch((error: unknown) => this.sweepFailed(error))
        .finally(() => {
          this.running = undefined;
          this.schedule(this.intervalMs);
        });
    }, delayMs);
  }

  private sweepSucceeded(): void {
    if (this.failedSweeps > 0) this.logger.log({ msg: 'timer sweeps work again', failedSweeps: this.failedSweeps });
    this.failedSweeps = 0;
  }

  private sweepFailed(error: unknown): void {
    this.failedSweeps += 1;
    if (this.failedSweeps > 1 && Date.now() - this.lastFailureLogAt < FAILURE_LOG_EVERY_MS) return;
    this.lastFailureLogAt = Date.now();
    this.logger.error({ msg: 'timer sweep failed; retrying every interval', failedSweeps: this.failedSweeps, err: error });
  }

  private async sweepUntilDone(): Promise<void> {
    while (!this.stopped) {
      const found = await Promise.all(Array.from({ length: this.parallel }, () => this.sweep(this.batchSize)));
      if (!found.some((count) => count >= this.batchSize)) return;
    }
  }
}
