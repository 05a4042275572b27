import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { productChangedV1, reindexRequestedV1, reindexRunV1 } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import type { CatalogueSettings } from '../catalogue.config';
import { CATALOGUE_SETTINGS } from '../catalogue-settings.module';
import { CatalogueIndex } from './catalogue-index';

/**
 * Keeps this replica's index in step with the products table.
 *
 * - At start it builds the index from the database before the service reports ready.
 * - `productChangedV1` and `reindexRequestedV1` are subscribed on core NATS **without** a queue
 *   group: every replica gets every one (a fan-out), since each holds its own embedded index. A
 *   product change only says "catch up"; the replica then reads every product written after the
 *   revision it has, so a change it missed (a disconnect) is picked up by the next one, or by the
 *   periodic check every `INDEX_SYNC_INTERVAL_MS`.
 * - `reindexRunV1` is a request answered by one replica (the service's queue group), which
 *   announces the reindex to all of them.
 */
@Injectable()
export class IndexSyncHandler implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(IndexSyncHandler.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly index: CatalogueIndex,
    private readonly bus: MessageBus,
    @Inject(CATALOGUE_SETTINGS) private readonly settings: CatalogueSettings,
  ) {}

  async onModuleInit(): Promise<void> {
    // Listen first: a change committed while the first build runs is then caught up afterwards.
    await this.bus.subscribe(productChangedV1, () => this.catchUp());
    await this.index.rebuild();
    await this.bus.subscribe(reindexRequestedV1, ({ reindexId }) => {
      void this.index.rebuild(reindexId).catch((error: unknown) => this.logger.error({ msg: 'reindex failed', reindexId, err: error }));
    });
    await this.bus.reply(reindexRunV1, async (request) => {
      const reindexId = request.reindexId ?? randomUUID();
      await this.bus.publish(reindexRequestedV1, { reindexId }, { correlationId: reindexId });
      return { ok: true, reindexId };
    });
    if (this.settings.indexSyncIntervalMs > 0) {
      this.timer = setInterval(() => void this.catchUp(), this.settings.indexSyncIntervalMs);
      this.timer.unref();
    }
  }

  private async catchUp(): Promise<void> {
    await this.index.catchUp().catch((error: unknown) => this.logger.error({ msg: 'index catch-up failed', err: error }));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.index.engine.close();
  }
}
