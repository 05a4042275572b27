import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  importProgressV1,
  importRunV1,
  productChangedV1,
  productGetV1,
  productsSearchV1,
  productUpdateV1,
  type ImportProgressV1,
  type ProductChangedV1,
} from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { createTestDatabase, createTestNats, eventually, startServiceApp, testServiceEnv, type RunningServiceApp, type TestDatabase, type TestNats } from '@callcart/testing';
import { AppModule } from '../app.module';
import { loadCatalogueConfig } from '../catalogue.config';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'products', 'import', 'test-fixtures', name), 'utf8');
const staff = { kind: 'staff', staffId: 'admin-1' } as const;

const goodCsv = [
  'id,sku,name,brand,category,aliases,price,currency,active',
  'tb-1,TB-1,Oral-B Pro toothbrush,Oral-B,oral care,electric toothbrush,39.90,USD,true',
  'tb-2,,Sensodyne Repair toothpaste 75ml,Sensodyne,oral care,sensitive toothpaste,6.45,USD,true',
  'kt-1,KT-1,Bosch kettle 1.7 l,Bosch,kitchen,,29.00,USD,true',
].join('\n');

describe('catalogue admin API: import upload and product edit over NATS', () => {
  let nats: TestNats;
  let database: TestDatabase;
  let service: RunningServiceApp;
  let bus: MessageBus;
  let raw: NatsConnection;
  const progress: ImportProgressV1[] = [];
  const changes: ProductChangedV1[] = [];

  /** The product ids a search finds, after the replica's index caught up. */
  const searchIds = async (query: string): Promise<string[]> => {
    const reply = await bus.request(productsSearchV1, { query, limit: 10 });
    if (!reply.ok) throw new Error(reply.message);
    return reply.hits.map((hit) => hit.productId);
  };

  beforeAll(async () => {
    nats = await createTestNats();
    database = await createTestDatabase();
    const env = testServiceEnv({ natsUrl: nats.url, natsPrefix: nats.prefix, databaseUrl: database.url });
    service = await startServiceApp(AppModule.register(loadCatalogueConfig(env)));
    bus = service.app.get(MessageBus);
    await bus.subscribe(importProgressV1, (event) => {
      progress.push(event);
    });
    await bus.subscribe(productChangedV1, (event) => {
      changes.push(event);
    });
    raw = await connect({ servers: nats.url });
    const imported = await bus.request(importRunV1, { importId: randomUUID(), fileName: 'good.csv', format: 'csv', content: goodCsv, currency: 'USD', actor: staff });
    if (!imported.ok) throw new Error(imported.message);
  });

  afterAll(async () => {
    await raw?.close();
    await service?.close();
    await database?.drop();
    await nats?.cleanup();
  });

  it('imports an uploaded CSV, reports it, and its products become searchable', async () => {
    const importId = randomUUID();
    const reply = await bus.request(importRunV1, { importId, fileName: 'good.csv', format: 'csv', content: goodCsv, actor: staff });
    expect(reply).toEqual({ ok: true, importId, linesRead: 4, created: 0, updated: 0, unchanged: 3, rejected: 0, rejectedRows: [], notes: [] });
    await eventually(async () => (await searchIds('sensodyne toothpaste')).includes('tb-2'), 'the uploaded product in search');
    await expect(bus.request(productGetV1, { productId: 'kt-1' })).resolves.toMatchObject({ ok: true, product: { price: { amountMinor: 2900, currency: 'USD' } } });
  });

  it('reports each rejected row of a malformed JSONL upload with line and reason, imports the good rows, and publishes progress with the import id', async () => {
    const importId = randomUUID();
    const reply = await bus.request(importRunV1, { importId, fileName: 'uploads/malformed.jsonl', format: 'jsonl', content: fixture('malformed-catalogue.jsonl'), currency: 'USD' });
    if (!reply.ok) throw new Error(reply.message);
    expect(reply.rejected).toBeGreaterThanOrEqual(5);
    expect(reply.rejectedRows).toHaveLength(reply.rejected);
    expect(reply.rejectedRows).toEqual(
      expect.arrayContaining([
        { line: 2, reason: expect.stringContaining('not valid JSON') },
        { line: 3, reason: expect.stringContaining('name') },
        { line: 4, reason: expect.stringContaining('duplicate item number "a-100" (first on line 1)') },
        { line: 5, reason: expect.stringContaining('negative') },
      ]),
    );
    expect(reply.created).toBeGreaterThanOrEqual(3);
    expect(reply.notes).toEqual([{ line: 10, reason: expect.stringContaining('item number "变成" is not one callcart can use') }]);
    await eventually(async () => (await searchIds('dove conditioner')).includes('no-sku'), 'a good row of the malformed file in search');
    await eventually(() => progress.some((event) => event.importId === importId && event.phase === 'completed'), 'the completed progress event');
    const mine = progress.filter((event) => event.importId === importId);
    expect(mine.some((event) => event.phase === 'running')).toBe(true);
    expect(mine.find((event) => event.phase === 'completed')).toMatchObject({ file: 'malformed.jsonl', linesRead: reply.linesRead, created: reply.created, rejected: reply.rejected });
  });

  it('refuses a CSV without a name column with UNREADABLE_FILE and imports nothing', async () => {
    const content = 'id,sku,title\nzz-1,ZZ-1,Nameless product\n';
    const reply = await bus.request(importRunV1, { importId: randomUUID(), fileName: 'no-name.csv', format: 'csv', content });
    expect(reply).toMatchObject({ ok: false, code: 'UNREADABLE_FILE', message: expect.stringContaining('"name" column') });
    await expect(bus.request(productGetV1, { productId: 'zz-1' })).resolves.toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('renames a product and replaces its aliases; search finds it by the new alias', async () => {
    const reply = await bus.request(productUpdateV1, {
      productId: 'kt-1',
      changes: { name: 'Bosch TWK kettle 1.7 l', aliases: [' water boiler ', 'water boiler', 'cordless jug', 'Bosch TWK kettle 1.7 l'] },
      actor: staff,
    });
    expect(reply).toMatchObject({ ok: true, product: { id: 'kt-1', name: 'Bosch TWK kettle 1.7 l', price: { amountMinor: 2900, currency: 'USD' } }, aliases: ['water boiler', 'cordless jug'] });
    await eventually(async () => (await searchIds('cordless jug')).includes('kt-1'), 'the product found by its new alias');
  });

  it('sets a price to null (unpriced) and back', async () => {
    await expect(bus.request(productUpdateV1, { productId: 'tb-1', changes: { price: null } })).resolves.toMatchObject({ ok: true, product: { id: 'tb-1', price: null } });
    await expect(bus.request(productGetV1, { productId: 'tb-1' })).resolves.toMatchObject({ ok: true, product: { price: null } });
    await expect(bus.request(productUpdateV1, { productId: 'tb-1', changes: { price: { amountMinor: 3590, currency: 'USD' } } })).resolves.toMatchObject({
      ok: true,
      product: { price: { amountMinor: 3590, currency: 'USD' } },
    });
  });

  it('withdraws a product from sale: it leaves the search hits and is announced as deactivated', async () => {
    await eventually(async () => (await searchIds('oral-b toothbrush')).includes('tb-1'), 'the product in search before');
    const reply = await bus.request(productUpdateV1, { productId: 'tb-1', changes: { active: false }, actor: staff });
    expect(reply).toMatchObject({ ok: true, product: { id: 'tb-1', active: false } });
    await eventually(async () => !(await searchIds('oral-b toothbrush')).includes('tb-1'), 'the product gone from search');
    await eventually(() => changes.some((event) => event.product.id === 'tb-1' && event.change === 'deactivated'), 'the deactivation announced');
  });

  it('says NOT_FOUND for an unknown product', async () => {
    await expect(bus.request(productUpdateV1, { productId: 'no-such', changes: { active: true } })).resolves.toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it.each([
    ['no changes', {}],
    ['a negative price', { price: { amountMinor: -100, currency: 'USD' } }],
    ['a fractional price', { price: { amountMinor: 12.5, currency: 'USD' } }],
    ['an empty name', { name: '   ' }],
    ['a currency that is not a code', { price: { amountMinor: 100, currency: 'usd' } }],
    ['an alias of 201 characters', { aliases: ['x'.repeat(201)] }],
  ])('refuses an edit with %s as INVALID_REQUEST, whoever sends it', async (_kind, edit) => {
    // Sent as raw NATS too: the typed client would refuse most of these before sending them.
    const sent = JSON.stringify({ meta: { id: randomUUID(), time: new Date().toISOString(), correlationId: 't' }, payload: { productId: 'kt-1', changes: edit } });
    const reply = await raw.request(bus.subjectOf(productUpdateV1), new TextEncoder().encode(sent), { timeout: 3000 });
    expect(JSON.parse(new TextDecoder().decode(reply.data)).payload).toMatchObject({ ok: false, code: 'INVALID_REQUEST' });
    await expect(bus.request(productGetV1, { productId: 'kt-1' })).resolves.toMatchObject({ ok: true, product: { name: 'Bosch TWK kettle 1.7 l', price: { amountMinor: 2900 } } });
  });
});
