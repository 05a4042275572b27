import { Module } from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@callcart/service-kit';
import type { CatalogueSettings } from '../catalogue.config';
import { CATALOGUE_SETTINGS } from '../catalogue-settings.module';
import { ProductStore } from '../products/product.store';
import { ProductsModule } from '../products/products.module';
import { CatalogueIndex } from './catalogue-index';
import { IndexSyncHandler } from './index-sync.handler';
import { MessageBus } from '@callcart/messaging';
import { NatsRebuildReporter, REPLICA_ID } from './reindex-reporter';
import { newReplicaId } from './replica-id';
import type { SearchEngine } from '../search/search-engine';
import { createSearchEngine, SEARCH_ENGINE } from './search-engine.factory';

/** This replica's search index: built at start, kept in step, rebuilt and swapped on request. */
@Module({
  imports: [ProductsModule],
  providers: [
    { provide: REPLICA_ID, useFactory: newReplicaId },
    {
      provide: SEARCH_ENGINE,
      inject: [CATALOGUE_SETTINGS, SERVICE_CONFIG],
      useFactory: (settings: CatalogueSettings, service: ServiceConfig) => createSearchEngine(settings.searchEngine, { natsPrefix: service.nats.prefix }),
    },
    {
      provide: CatalogueIndex,
      inject: [CATALOGUE_SETTINGS, SEARCH_ENGINE, ProductStore, MessageBus, REPLICA_ID],
      useFactory: (settings: CatalogueSettings, engine: SearchEngine, store: ProductStore, bus: MessageBus, replicaId: string) =>
        new CatalogueIndex(engine, store, { rebuildThreshold: settings.indexRebuildThreshold, reporter: new NatsRebuildReporter(bus, replicaId) }),
    },
    IndexSyncHandler,
  ],
  exports: [CatalogueIndex, SEARCH_ENGINE, REPLICA_ID],
})
export class IndexingModule {}
