import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { productsSearchV1, reindexCompletedV1, reindexProgressV1, reindexRunV1, type ReindexCompletedV1, type ReindexProgressV1 } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import {
  createTestDatabase,
  createTestNats,
  eventually,
  startServiceApp,
  testServiceEnv,
  type RunningServiceApp,
  type TestDatabase,
  type TestNats,
} from '@callcart/testing';
import { AppModule } from '../app.module';
import { loadCatalogueConfig } from '../catalogue.config';
import { runAnnouncedImport } from '../products/import/announced-import';
import { ProductImport } from '../products/import/product-import.service';
import { CatalogueIndex } from './catalogue-index';

const BRANDS = ['Nivea', 'Seagate', 'Logitech', 'Colgate', 'Heinz', 'Lipton', 'Dove', 'Pringles'];
const KINDS = ['hand cream', 'hard drive', 'wireless mouse', 'toothpaste', 'ketchup', 'green tea', 'body wash', 'crisps'];

/** A catalogue big enough that building an index takes a while (so queries overlap the swap). */
function writeCatalogue(dir: string, count: number, priceOffset = 0): string {
  const lines = Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      id: `gen-${i}`,
      sku: `G${100000 + i}`,
      name: `${BRANDS[i % BRANDS.length]} ${KINDS[(i >> 3) % KINDS.length]} ${i % 50} pack`,
      brand: BRANDS[i % BRANDS.length],
      price: ((i % 900) + 100 + priceOffset) / 100,
      currency: 'USD',
    }),
  );
  const file = join(dir, `catalogue-${count}-${priceOffset}.jsonl`);
  writeFileSync(file, lines.join('\n'));
  return file;
}

describe('reindex and keeping every replica in step', () => {
  let nats: TestNats;
  let database: TestDatabase;
  let env: Record<string, string>;
  const replicas: RunningServiceApp[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'callcart-reindex-'));
  const indexOf = (replica: RunningServiceApp) => replica.app.get(CatalogueIndex);

  beforeAll(async () => {
    nats = await createTestNats();
    database = await createTestDatabase();
    env = testServiceEnv({ natsUrl: nats.url, natsPrefix: nats.prefix, databaseUrl: database.url, extra: { INDEX_REBUILD_THRESHOLD: '500' } });
    replicas.push(await startServiceApp(AppModule.register(loadCatalogueConfig(env))));
    replicas.push(await startServiceApp(AppModule.register(loadCatalogueConfig(env))));
  });

  afterAll(async () => {
    for (const replica of replicas) await replica.close();
    await database?.drop();
    await nats?.cleanup();
  });

  it('starts healthy on an empty catalogue', async () => {
    expect(indexOf(replicas[0]).productCount).toBe(0);
    expect((await fetch(`${replicas[0].url}/health`)).status).toBe(200);
  });

  it('brings every replica up to date after an import (a bulk import rebuilds, an edit upserts)', async () => {
    const bus = replicas[0].app.get(MessageBus);
    await runAnnouncedImport(replicas[0].app.get(ProductImport), bus, writeCatalogue(dir, 3000), { currency: 'USD' });
    for (const replica of replicas) await eventually(() => indexOf(replica).productCount === 3000, 'all 3,000 products indexed', 15_000);

    const edit = join(dir, 'edit.jsonl');
    writeFileSync(edit, [
      JSON.stringify({ id: 'gen-7', sku: 'G100007', name: 'Pringles sour cream crisps 7 pack', brand: 'Pringles', price: '3.33', currency: 'USD' }),
      JSON.stringify({ id: 'gen-8', sku: 'G100008', name: 'Nivea hand cream 8 pack', brand: 'Nivea', currency: 'USD', active: false }),
    ].join('\n'));
    const versionBefore = indexOf(replicas[1]).liveVersionId();
    await runAnnouncedImport(replicas[0].app.get(ProductImport), bus, edit, { currency: 'USD' });
    for (const replica of replicas) {
      await eventually(() => indexOf(replica).product('gen-7')?.price?.amountMinor === 333, 'the price change on every replica');
      await eventually(() => indexOf(replica).product('gen-8') === undefined, 'the withdrawn product gone from every replica');
    }
    expect(indexOf(replicas[1]).liveVersionId()).toBe(versionBefore);
    const reply = await bus.request(productsSearchV1, { query: 'pringles sour cream crisps', limit: 5 });
    expect(reply.ok && reply.hits[0].productId).toBe('gen-7');
  });

  it('swaps a rebuilt index in on every replica while queries run, and no query fails', async () => {
    const bus = replicas[0].app.get(MessageBus);
    const progress: ReindexProgressV1[] = [];
    const completed: ReindexCompletedV1[] = [];
    await bus.subscribe(reindexProgressV1, (update) => void progress.push(update));
    await bus.subscribe(reindexCompletedV1, (completion) => void completed.push(completion));
    const versions = replicas.map((replica) => indexOf(replica).liveVersionId());
    let running = true;
    let queries = 0;
    const failures: string[] = [];
    const load = (async () => {
      while (running) {
        const reply = await bus.request(productsSearchV1, { query: `${BRANDS[queries % BRANDS.length]} ${KINDS[queries % KINDS.length]}`, limit: 5 });
        queries += 1;
        if (!reply.ok) failures.push(`${reply.code}: ${reply.message}`);
        else if (reply.hits.length === 0) failures.push('no hits');
      }
    })();
    const reply = await bus.request(reindexRunV1, {});
    if (!reply.ok) throw new Error(reply.message);
    await eventually(() => completed.filter((completion) => completion.reindexId === reply.reindexId).length === 2, 'both replicas swapped', 20_000);
    running = false;
    await load;
    expect(failures).toEqual([]);
    expect(queries).toBeGreaterThan(10);
    const mine = completed.filter((completion) => completion.reindexId === reply.reindexId);
    expect(new Set(mine.map((completion) => completion.replicaId)).size).toBe(2);
    expect(mine.every((completion) => completion.productCount === 2999)).toBe(true);
    expect(progress.some((update) => update.reindexId === reply.reindexId && update.phase === 'swapping')).toBe(true);
    replicas.forEach((replica, i) => expect(indexOf(replica).liveVersionId()).not.toBe(versions[i]));
  });

  it('builds its index from the database before a new replica reports ready', async () => {
    const late = await startServiceApp(AppModule.register(loadCatalogueConfig(env)));
    replicas.push(late);
    expect(indexOf(late).productCount).toBe(2999);
    expect(indexOf(late).product('gen-7')?.price?.amountMinor).toBe(333);
  });
});
