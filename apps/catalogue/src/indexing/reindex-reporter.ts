import { Logger } from '@nestjs/common';
import { reindexCompletedV1, reindexProgressV1 } from '@callcart/contracts';
import type { MessageBus } from '@callcart/messaging';
import type { IndexVersion } from '../search/search-engine';

/** Injection token of this process's replica id. */
export const REPLICA_ID = Symbol('REPLICA_ID');

/** Progress is published at most this often within one phase (every phase change goes out). */
const PROGRESS_INTERVAL_MS = 200;

export type RebuildPhase = 'reading' | 'indexing' | 'swapping';

/** Who hears how a rebuild goes; the index calls it for requested and automatic rebuilds alike. */
export interface RebuildReporter {
  progress(reindexId: string, phase: RebuildPhase, done: number, total: number): void;
  completed(reindexId: string, version: IndexVersion, productCount: number): Promise<void>;
}

/**
 * Publishes a rebuild's progress (`reindexProgressV1`, live, throttled) and its completion
 * (`reindexCompletedV1`, durable: recognisers refetch their vocabulary), naming this replica.
 */
export class NatsRebuildReporter implements RebuildReporter {
  private readonly logger = new Logger(NatsRebuildReporter.name);
  private readonly lastSent = new Map<string, { phase: RebuildPhase; at: number }>();

  constructor(
    private readonly bus: MessageBus,
    private readonly replicaId: string,
  ) {}

  progress(reindexId: string, phase: RebuildPhase, done: number, total: number): void {
    const now = Date.now();
    const last = this.lastSent.get(reindexId);
    if (last && last.phase === phase && now - last.at < PROGRESS_INTERVAL_MS) return;
    this.lastSent.set(reindexId, { phase, at: now });
    this.bus
      .publish(reindexProgressV1, { reindexId, phase, done: Math.min(done, total), total, replicaId: this.replicaId }, { correlationId: reindexId })
      .catch((error: unknown) => this.logger.warn({ msg: 'reindex progress not published', reindexId, err: error }));
  }

  async completed(reindexId: string, version: IndexVersion, productCount: number): Promise<void> {
    this.lastSent.delete(reindexId);
    await this.bus.publish(
      reindexCompletedV1,
      { reindexId, indexVersion: version.id.slice(0, 64), productCount, completedAt: new Date().toISOString(), replicaId: this.replicaId },
      { correlationId: reindexId },
    );
  }
}
