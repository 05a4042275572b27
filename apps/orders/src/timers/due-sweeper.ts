import { Logger } from '@nestjs/common';

/**
 * Runs a sweep of due timer rows every interval, and again at once while a sweep finds a full
 * batch. Timers are rows with a deadline in PostgreSQL, claimed with `FOR UPDATE SKIP LOCKED`,
 * so they survive restarts and, with several replicas sweeping, each fires exactly once.
 */
export class DueSweeper {
  private readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

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
        .catch((error: unknown) => this.logger.error({ msg: 'timer sweep failed; retrying next interval', err: error }))
        .finally(() => {
          this.running = undefined;
          this.schedule(this.intervalMs);
        });
    }, delayMs);
  }

  private async sweepUntilDone(): Promise<void> {
    while (!this.stopped) {
      const found = await Promise.all(Array.from({ length: this.parallel }, () => this.sweep(this.batchSize)));
      if (!found.some((count) => count >= this.batchSize)) return;
    }
  }
}
