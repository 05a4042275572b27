import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource, type EntityManager } from 'typeorm';
import { importProgressV1, productChangedV1, type ImportProgressV1, type ProductChangedV1 } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { createTestDatabase, createTestNats, eventually, testServiceEnv, type TestDatabase, type TestNats } from '@callcart/testing';
import { loadCatalogueConfig } from '../../catalogue.config';
import { CatalogueCliModule } from '../../cli/catalogue-cli.module';
import { ProductEntity } from '../product.entity';
import { runAnnouncedImport } from './announced-import';
import { CatalogueFileRowSource } from './catalogue-file.row-source';
import { type DraftRow, type DuplicateItemNumberPolicy, ImportBatchWriter } from './import-batch.writer';
import { ImportFileError, ImportInterruptedError } from './import-report';
import { ProductImport } from './product-import.service';

const fixture = (name: string) => join(__dirname, 'test-fixtures', name);

/** Fails the second batch after writing it, as a crash or a lost connection would. */
class FailingSecondBatchWriter extends ImportBatchWriter {
  private batches = 0;
  override async writeBatch(manager: EntityManager, rows: readonly DraftRow[], policy?: DuplicateItemNumberPolicy) {
    const outcome = await super.writeBatch(manager, rows, policy);
    this.batches += 1;
    if (this.batches === 2) throw new Error('connection lost (injected)');
    return outcome;
  }
}

describe('product import', () => {
  let nats: TestNats;
  let database: TestDatabase;
  let context: INestApplicationContext;
  let dataSource: DataSource;
  let productImport: ProductImport;
  let bus: MessageBus;
  const changes: ProductChangedV1[] = [];
  const progress: ImportProgressV1[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'callcart-import-'));
  const writeScratch = (name: string, text: string) => {
    const path = join(scratch, name);
    writeFileSync(path, text);
    return path;
  };
  const product = (id: string) => dataSource.getRepository(ProductEntity).findOneBy({ id });
  const run = (file: string, currency = 'USD') => runAnnouncedImport(productImport, bus, file, { currency });

  beforeAll(async () => {
    nats = await createTestNats();
    database = await createTestDatabase();
    const config = loadCatalogueConfig(testServiceEnv({ natsUrl: nats.url, natsPrefix: nats.prefix, databaseUrl: database.url }));
    context = await NestFactory.createApplicationContext(CatalogueCliModule.register(config, { database: true }), { logger: false });
    dataSource = context.get(DataSource);
    productImport = context.get(ProductImport);
    bus = context.get(MessageBus);
    await bus.subscribe(productChangedV1, (change) => void changes.push(change));
    await bus.subscribe(importProgressV1, (update) => void progress.push(update));
  });

  afterAll(async () => {
    await context?.close();
    await database?.drop();
    await nats?.cleanup();
  });

  it('imports a good JSONL file, assigning item numbers where rows have none, and announces each product', async () => {
    const report = await run(fixture('demo-catalogue.jsonl'));
    expect(report).toMatchObject({ created: 8, updated: 0, unchanged: 0, rejected: 0, rejectedRows: [] });
    expect(await product('nv-100')).toMatchObject({ sku: '100234', priceMinor: 590, currency: 'USD', aliases: ['nivea cream', 'blue tin cream'], active: true, language: 'en' });
    expect(await product('jl-500')).toMatchObject({ priceMinor: 13990, currency: 'CNY', language: 'zh', skuAssigned: true });
    expect(await product('ns-600')).toMatchObject({ priceMinor: null });
    const pringles = await product('pr-400');
    expect(pringles?.sku).toMatch(/^\d{6,}$/);
    expect(pringles?.skuAssigned).toBe(true);
    await eventually(() => changes.length === 8, 'eight product changes');
    expect(changes.every((change) => change.change === 'created')).toBe(true);
    await eventually(() => progress.some((update) => update.importId === report.importId && update.phase === 'completed'), 'import completed');
  });

  it('imports a good CSV file with aliases, flags and an unpriced row', async () => {
    const report = await run(fixture('demo-catalogue.csv'));
    expect(report).toMatchObject({ created: 4, rejected: 0 });
    expect(await product('mk-700')).toMatchObject({ sku: 'M705', aliases: ['marathon mouse', 'm705 mouse'], priceMinor: 4999 });
    expect(await product('hs-900')).toMatchObject({ priceMinor: null });
    expect((await product('cb-800'))?.sku).toMatch(/^\d+$/);
  });

  it('finds nothing to do when the same file comes again, and keeps assigned item numbers', async () => {
    const before = (await product('pr-400'))?.sku;
    const report = await run(fixture('demo-catalogue.jsonl'));
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 8, rejected: 0 });
    expect((await product('pr-400'))?.sku).toBe(before);
  });

  it('upserts by id, and by item number when a row has no id', async () => {
    const changesBefore = changes.length;
    const file = writeScratch(
      'edits.jsonl',
      [
        '{"id":"nv-100","sku":"100234","name":"Nivea Creme 150ml tin","brand":"Nivea","price":"6.20","currency":"USD"}',
        '{"sku":"DCS-1100","name":"D-Link DCS-1100 day and night camera","brand":"D-Link","price":95,"currency":"USD"}',
        '{"id":"sg-200","sku":"ST2000DM008","name":"Seagate Barracuda 2TB internal hard drive","brand":"Seagate","category":"computer storage","price":64.99,"currency":"USD","active":false}',
      ].join('\n'),
    );
    const report = await run(file);
    expect(report).toMatchObject({ created: 0, updated: 3, rejected: 0 });
    const nivea = await product('nv-100');
    expect(nivea).toMatchObject({ priceMinor: 620, aliases: [] });
    expect(await product('dl-300')).toMatchObject({ name: 'D-Link DCS-1100 day and night camera', priceMinor: 9500 });
    expect(await dataSource.getRepository(ProductEntity).countBy({ sku: 'DCS-1100' })).toBe(1);
    await eventually(() => changes.length === changesBefore + 3, 'three more product changes');
    const kinds = changes.slice(changesBefore).map((change) => `${change.product.id}:${change.change}`).sort();
    expect(kinds).toEqual(['dl-300:updated', 'nv-100:updated', 'sg-200:deactivated']);
  });

  it('rejects a row whose item number belongs to another product, whatever its case', async () => {
    const file = writeScratch('clash.jsonl', '{"id":"x-1","sku":"dcs-1100","name":"Another camera","currency":"USD"}\n{"id":"x-2","name":"Fine product","currency":"USD"}\n');
    const report = await run(file);
    expect(report.created).toBe(1);
    expect(report.rejectedRows).toEqual([{ line: 1, reason: 'item number "dcs-1100" already belongs to product dl-300' }]);
    expect(await product('x-1')).toBeNull();
  });

  it("gives a merchant's own item number precedence over one callcart assigned, renumbering the other product", async () => {
    const assigned = (await product('pr-400'))!.sku;
    const file = writeScratch('claim.jsonl', JSON.stringify({ id: 'new-1', sku: assigned, name: 'Kettle with the number the merchant chose', currency: 'USD' }));
    const report = await run(file);
    expect(report).toMatchObject({ created: 1, updated: 1, rejected: 0 });
    expect((await product('new-1'))?.sku).toBe(assigned);
    const pringles = await product('pr-400');
    expect(pringles?.sku).toMatch(/^\d+$/);
    expect(pringles?.sku).not.toBe(assigned);
  });

  it('imports rows with a taken item number under a new number when asked to, noting each', async () => {
    const file = writeScratch(
      'repeats.jsonl',
      [
        '{"id":"rep-1","sku":"REP-1","name":"Listing one","currency":"USD"}',
        '{"id":"rep-2","sku":"rep-1","name":"Same model, other shop","currency":"USD"}',
        '{"id":"rep-3","sku":"100234","name":"Clashes with the Nivea tin","currency":"USD"}',
      ].join('\n'),
    );
    const report = await runAnnouncedImport(productImport, bus, file, { currency: 'USD', duplicateItemNumbers: 'assign-new' });
    expect(report).toMatchObject({ created: 3, rejected: 0 });
    expect(report.notes.map((note) => note.line)).toEqual([2, 3]);
    expect((await product('rep-2'))?.sku).toMatch(/^\d+$/);
    expect((await product('rep-3'))?.sku).toMatch(/^\d+$/);
    expect((await product('nv-100'))?.sku).toBe('100234');
  });

  it('reports each bad row of a malformed JSONL file and keeps the good ones', async () => {
    const report = await run(fixture('malformed-catalogue.jsonl'));
    expect(report.rejectedRows.map((row) => row.line)).toEqual([2, 3, 4, 5, 7, 9, 11]);
    const reasons = Object.fromEntries(report.rejectedRows.map((row) => [row.line, row.reason]));
    expect(reasons[2]).toMatch(/JSON/);
    expect(reasons[3]).toMatch(/name/);
    expect(reasons[4]).toBe('duplicate item number "a-100" (first on line 1)');
    expect(reasons[5]).toMatch(/negative/);
    expect(reasons[7]).toBe('product id "ok-1" appears again (first on line 1)');
    expect(reasons[11]).toMatch(/^sku: .*a row with an id may have any item number$/);
    expect(report).toMatchObject({ created: 4, rejected: 7 });
    // A row with an id whose item number cannot be one is imported under a new number, noted, its text another name.
    expect(report.notes).toEqual([{ line: 10, reason: expect.stringContaining('item number "变成" is not one callcart can use') }]);
    expect(await product('bad-sku')).toMatchObject({ name: 'Dove hand cream', sku: expect.stringMatching(/^\d+$/), aliases: ['变成'] });
    // Imported again, it keeps the number it was given.
    const assigned = (await product('bad-sku'))?.sku;
    await expect(run(fixture('malformed-catalogue.jsonl'))).resolves.toMatchObject({ created: 0, rejected: 7 });
    expect((await product('bad-sku'))?.sku).toBe(assigned);
    expect(await product('unpriced')).toMatchObject({ priceMinor: null, sku: 'A-104' });
    expect((await product('no-sku'))?.sku).toMatch(/^\d+$/);
    expect(await product('ok-1')).toMatchObject({ name: 'Dove beauty bar 4 pack', sku: 'A-100' });
  });

  it('reports each bad row of a malformed CSV file (missing columns too) and keeps the good ones', async () => {
    const report = await run(fixture('malformed-catalogue.csv'));
    expect(report.rejectedRows.map((row) => row.line)).toEqual([3, 4, 5, 6]);
    expect(report.rejectedRows[0].reason).toMatch(/columns/);
    expect(report.rejectedRows[1].reason).toBe('duplicate item number "B-200" (first on line 2)');
    expect(report).toMatchObject({ created: 2, rejected: 4 });
    expect(await product('c-6')).toMatchObject({ priceMinor: null });
  });

  it('leaves no half-written batch when an import is interrupted, and completes when run again', async () => {
    const rows = Array.from({ length: 8 }, (_, i) => JSON.stringify({ id: `int-${i + 1}`, sku: `INT-${i + 1}`, name: `Interrupted product ${i + 1}`, price: i + 1, currency: 'USD' }));
    const file = writeScratch('interrupted.jsonl', rows.join('\n'));
    const failing = new ProductImport(dataSource, new CatalogueFileRowSource(), new FailingSecondBatchWriter());
    const failure = await failing.run(file, { currency: 'USD', batchSize: 3 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ImportInterruptedError);
    expect((failure as ImportInterruptedError).failedAtLine).toBe(4);
    expect((failure as ImportInterruptedError).report.created).toBe(3);
    const ids = (await dataSource.getRepository(ProductEntity).find({ where: {}, select: { id: true } })).map((row) => row.id);
    expect(ids.filter((id) => id.startsWith('int-')).sort()).toEqual(['int-1', 'int-2', 'int-3']);

    const rerun = await productImport.run(file, { currency: 'USD', batchSize: 3 });
    expect(rerun).toMatchObject({ created: 5, unchanged: 3, rejected: 0 });
  });

  it('refuses a file it cannot read at all, importing nothing', async () => {
    await expect(run(join(scratch, 'missing.jsonl'))).rejects.toBeInstanceOf(ImportFileError);
    await expect(run(writeScratch('catalogue.xlsx', 'PK\u0003\u0004'))).rejects.toBeInstanceOf(ImportFileError);
    await expect(run(writeScratch('headless.csv', 'sku,price\nA-1,2.00\n'))).rejects.toBeInstanceOf(ImportFileError);
  });
});
