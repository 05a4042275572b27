import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { productBySkuV1, productGetV1, productsSearchV1, vocabularyGetV1 } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import {
  createTestDatabase,
  createTestNats,
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
import { CatalogueIndex } from '../indexing/catalogue-index';

const fixture = (name: string) => join(__dirname, '..', 'products', 'import', 'test-fixtures', name);

describe('catalogue request API over NATS', () => {
  let nats: TestNats;
  let database: TestDatabase;
  let service: RunningServiceApp;
  let bus: MessageBus;
  let raw: NatsConnection;

  beforeAll(async () => {
    nats = await createTestNats();
    database = await createTestDatabase();
    const env = testServiceEnv({ natsUrl: nats.url, natsPrefix: nats.prefix, databaseUrl: database.url, extra: { CONFIRM_LIST_MAX: '2' } });
    service = await startServiceApp(AppModule.register(loadCatalogueConfig(env)));
    bus = service.app.get(MessageBus);
    const productImport = service.app.get(ProductImport);
    const index = service.app.get(CatalogueIndex);
    await runAnnouncedImport(productImport, bus, fixture('demo-catalogue.jsonl'), { currency: 'USD' });
    await runAnnouncedImport(productImport, bus, fixture('demo-catalogue.csv'), { currency: 'USD' });
    await index.catchUp();
    raw = await connect({ servers: nats.url });
  });

  afterAll(async () => {
    await raw?.close();
    await service?.close();
    await database?.drop();
    await nats?.cleanup();
  });

  it('searches the live index and answers with product details, price and a confirmation mode', async () => {
    const reply = await bus.request(productsSearchV1, { query: 'nivea creme', limit: 5, language: 'en' });
    if (!reply.ok) throw new Error(reply.message);
    expect(reply.hits[0]).toMatchObject({ productId: 'nv-100', sku: '100234', name: 'Nivea Creme 150ml tin', price: { amountMinor: 590, currency: 'USD' } });
    expect(reply.hits[0].score).toBeGreaterThan(0);
    expect(reply.total).toBeGreaterThanOrEqual(reply.hits.length);
    expect(reply.confirmationMode).toBe(reply.total <= 2 ? 'ask' : 'item-number');
  });

  it('narrows by language', async () => {
    const reply = await bus.request(productsSearchV1, { query: '花生油', limit: 5, language: 'zh' });
    if (!reply.ok) throw new Error(reply.message);
    expect(reply.hits.map((hit) => hit.productId)).toEqual(expect.arrayContaining(['jl-500']));
  });

  it('finds Chinese products by pinyin typed on an English keyboard, first, with their Chinese name', async () => {
    const reply = await bus.request(productsSearchV1, { query: 'huashengyou', limit: 5 });
    if (!reply.ok) throw new Error(reply.message);
    expect(reply.hits.slice(0, 2).map((hit) => hit.productId).sort()).toEqual(['jl-500', 'lh-501']);
    const english = await bus.request(productsSearchV1, { query: 'nivea creme', limit: 5 });
    if (!english.ok) throw new Error(english.message);
    expect(english.hits[0]?.productId).toBe('nv-100');
    expect(english.hits[0]?.chineseName).toBeUndefined();
  });

  it('browses a category by name, narrows a search to one, and lists the categories with their counts (decision 0097)', async () => {
    const browse = await bus.request(productsSearchV1, { category: 'Skin Care', limit: 1, includeCategories: true });
    if (!browse.ok) throw new Error(browse.message);
    expect(browse.hits).toEqual([expect.objectContaining({ productId: 'nv-100', category: 'skin care' })]);
    expect(browse.total).toBe(2);
    expect(browse.categories).toEqual(expect.arrayContaining([{ name: 'skin care', count: 2 }, { name: '食用油', count: 2 }, { name: 'computer accessories', count: 2 }]));
    const narrowed = await bus.request(productsSearchV1, { query: 'nivea', category: 'skin care', limit: 5 });
    if (!narrowed.ok) throw new Error(narrowed.message);
    expect(narrowed.hits.map((hit) => hit.productId).sort()).toEqual(['nv-100', 'nv-101']);
    const elsewhere = await bus.request(productsSearchV1, { query: 'nivea', category: '食用油', limit: 5 });
    expect(elsewhere).toMatchObject({ ok: true, hits: [], total: 0 });
    const plain = await bus.request(productsSearchV1, { query: 'nivea', limit: 5 });
    expect(plain.ok && plain.categories).toBeUndefined();
  });

  it('gets a product by id, and says NOT_FOUND for an unknown one', async () => {
    await expect(bus.request(productGetV1, { productId: 'jl-500' })).resolves.toMatchObject({
      ok: true,
      product: { id: 'jl-500', name: '金龙鱼 花生油 5L', price: { amountMinor: 13990, currency: 'CNY' }, language: 'zh', active: true },
    });
    await expect(bus.request(productGetV1, { productId: 'no-such' })).resolves.toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('finds a product by its item number exactly, ignoring case, and never fuzzily', async () => {
    await expect(bus.request(productBySkuV1, { sku: 'dcs-1100' })).resolves.toMatchObject({ ok: true, product: { id: 'dl-300', sku: 'DCS-1100' } });
    await expect(bus.request(productBySkuV1, { sku: 'DCS-110' })).resolves.toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('gives recognisers the vocabulary with the live index version', async () => {
    const english = await bus.request(vocabularyGetV1, { language: 'en' });
    if (!english.ok) throw new Error(english.message);
    expect(english.phrases).toEqual(expect.arrayContaining(['Nivea', 'Seagate', 'nivea cream', 'Logitech M705 Marathon wireless mouse']));
    expect(english.phrases).not.toContain('金龙鱼');
    expect(english.version).toContain(service.app.get(CatalogueIndex).liveVersionId());
    const chinese = await bus.request(vocabularyGetV1, { language: 'zh', limit: 2 });
    expect(chinese).toMatchObject({ ok: true, phrases: ['金龙鱼', '鲁花'], truncated: true });
  });

  it('answers a malformed request with INVALID_REQUEST', async () => {
    const subject = bus.subjectOf(productsSearchV1);
    for (const body of ['not json', JSON.stringify({ meta: { id: 'x' }, payload: { query: 'nivea' } })]) {
      const reply = await raw.request(subject, new TextEncoder().encode(body), { timeout: 3000 });
      expect(JSON.parse(new TextDecoder().decode(reply.data)).payload).toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
    }
  });

  it.each([
    ['emoji', '🧴 nivea 😀😀'],
    ['SQL', "nivea'; DROP TABLE catalogue.product; --"],
    ['regex', '.*(nivea|[)+\\d{2,}$^'],
    ['control characters', 'nivea\u0007\u001b[31m cream'],
    ['mixed scripts', 'nivea 花生油 крем'],
    ['only punctuation', '?!?...'],
  ])('gives a sane reply to %s in a search', async (_kind, query) => {
    const reply = await bus.request(productsSearchV1, { query, limit: 5 });
    expect(reply.ok).toBe(true);
    if (reply.ok) expect(reply.total).toBeGreaterThanOrEqual(reply.hits.length);
  });

  it('refuses a NUL character in a search like any request over NATS (docs/security.md)', async () => {
    await expect(bus.request(productsSearchV1, { query: 'nivea\u0000 cream', limit: 5 })).resolves.toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['10,000 characters', 'nivea '.repeat(1667)],
  ])('refuses a search that is %s with INVALID_REQUEST', async (_kind, query) => {
    await expect(bus.request(productsSearchV1, { query, limit: 5 })).resolves.toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
    const sent = JSON.stringify({ meta: { id: '3f1c2a9e-8b4d-4c6a-9e2f-1a7b5c3d9e01', time: new Date().toISOString(), correlationId: 't' }, payload: { query, limit: 5 } });
    const reply = await raw.request(bus.subjectOf(productsSearchV1), new TextEncoder().encode(sent), { timeout: 3000 });
    expect(JSON.parse(new TextDecoder().decode(reply.data)).payload).toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
  });
});
