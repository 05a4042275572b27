import { matchesFoundV1, type MatchesFoundV1 } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { createTestDatabase, createTestNats, startServiceApp, testServiceEnv, type RunningServiceApp, type TestDatabase, type TestNats } from '@callcart/testing';
import { AppModule } from '../app.module';
import { loadCatalogueConfig } from '../catalogue.config';
import { CatalogueIndex } from '../indexing/catalogue-index';
import { runAnnouncedImport } from '../products/import/announced-import';
import { ProductImport } from '../products/import/product-import.service';

/** A catalogue service on its own NATS prefix and database, a catalogue imported, and what it publishes for one call. */
export interface MatchingCatalogue {
  readonly bus: MessageBus;
  /** Every `matchesFoundV1` published for the call, in order. */
  readonly found: MatchesFoundV1[];
  close(): Promise<void>;
}

/** Starts the service in this process, imports `catalogueFile` and indexes it, and listens for the call's matches. */
export async function startMatchingCatalogue(options: {
  readonly catalogueFile: string;
  readonly currency: string;
  readonly callId: string;
  readonly env?: Record<string, string>;
}): Promise<MatchingCatalogue> {
  let nats: TestNats | undefined;
  let database: TestDatabase | undefined;
  let service: RunningServiceApp | undefined;
  const close = async () => {
    await service?.close();
    await database?.drop();
    await nats?.cleanup();
  };
  try {
    nats = await createTestNats();
    database = await createTestDatabase();
    const env = testServiceEnv({ natsUrl: nats.url, natsPrefix: nats.prefix, databaseUrl: database.url, extra: options.env });
    service = await startServiceApp(AppModule.register(loadCatalogueConfig(env)));
    const bus = service.app.get(MessageBus);
    await runAnnouncedImport(service.app.get(ProductImport), bus, options.catalogueFile, { currency: options.currency });
    await service.app.get(CatalogueIndex).catchUp();
    const found: MatchesFoundV1[] = [];
    await bus.subscribe(matchesFoundV1, (match) => void found.push(match), { callId: options.callId });
    return { bus, found, close };
  } catch (error) {
    await close();
    throw error;
  }
}
