import { resolve } from 'node:path';
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { NestFactory } from '@nestjs/core';
import { Command } from 'commander';
import { Client } from 'pg';
import { productsSearchV1 } from '@callcart/contracts';
import { MessageBus } from '@callcart/messaging';
import { AppModule } from '../app.module';
import { loadCatalogueConfig } from '../catalogue.config';
import { CatalogueIndex } from '../indexing/catalogue-index';
import { runAnnouncedImport } from '../products/import/announced-import';
import { ProductImport } from '../products/import/product-import.service';

/** The evaluation data, beside the repository (`../shared/eval`), or where CALLCART_EVAL_DIR says. */
const EVAL_DIR = process.env.CALLCART_EVAL_DIR ?? resolve(process.cwd(), '..', 'shared', 'eval');

/**
 * `npm run bench:reindex [-- --catalogue FILE] [--json]`: loads a catalogue into a fresh database through
 * the import code, then runs a full reindex while search requests run against the service over
 * NATS, and prints import time, reindex time, queries during the reindex, failures and latency.
 * Goals (issue 4): reindex of the 24,628-product catalogue ≤ 5 s, zero failed queries.
 */
const program = new Command('bench:reindex')
  .option('--catalogue <file>', 'JSONL or CSV catalogue', `${EVAL_DIR}/catalogue-en.jsonl`)
  .option('--currency <code>', 'currency of the file\'s prices', 'USD')
  .option('--duplicate-item-numbers <policy>', 'reject | assign-new (the evaluation catalogue repeats model numbers)', 'assign-new')
  .option('--concurrency <n>', 'search requests in flight during the reindex', (value) => Number(value), 4)
  .option('--json', 'print one JSON object')
  .parse();
const options = program.opts<{ catalogue: string; currency: string; concurrency: number; duplicateItemNumbers: 'reject' | 'assign-new'; json?: boolean }>();

const adminUrl = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function sampleQueries(file: string, count: number): Promise<string[]> {
  const names: string[] = [];
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    try {
      const name = (JSON.parse(line) as { name?: unknown }).name;
      if (typeof name === 'string') names.push(name.split(/\s+/).slice(0, 3).join(' ').slice(0, 200));
    } catch {
      // CSV or a bad line: the queries only need some product names
    }
    if (names.length >= count) break;
  }
  return names.length > 0 ? names : ['cream', 'drive', 'camera'];
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const dbName = `cc_bench${Date.now().toString(36)}`;
  await withAdmin((client) => client.query(`CREATE DATABASE "${dbName}"`));
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${dbName}`;
  const prefix = `bench-${randomUUID().slice(0, 8)}`;
  const config = loadCatalogueConfig({
    NATS_URL: natsUrl,
    NATS_PREFIX: prefix,
    DATABASE_URL: dbUrl.toString(),
    LOG_LEVEL: 'error',
    INDEX_SYNC_INTERVAL_MS: '0',
  });
  const context = await NestFactory.createApplicationContext(AppModule.register(config), { logger: ['error'] });
  try {
    const bus = context.get(MessageBus);
    const index = context.get(CatalogueIndex);
    const importStarted = performance.now();
    const report = await runAnnouncedImport(context.get(ProductImport), bus, options.catalogue, { currency: options.currency, duplicateItemNumbers: options.duplicateItemNumbers });
    const importMs = performance.now() - importStarted;
    await index.catchUp();
    const queries = await sampleQueries(options.catalogue, 500);

    let next = 0;
    /** Runs search requests, `concurrency` in flight, until `done` settles; returns latencies and failures. */
    const load = async (done: Promise<unknown>) => {
      const latencies: number[] = [];
      let failed = 0;
      let running = true;
      void done.finally(() => (running = false));
      const worker = async () => {
        while (running) {
          const query = queries[next++ % queries.length];
          const started = performance.now();
          const reply = await bus.request(productsSearchV1, { query, limit: 5 });
          latencies.push(performance.now() - started);
          if (!reply.ok) failed += 1;
        }
      };
      await Promise.all(Array.from({ length: options.concurrency }, () => worker()));
      return { latencies: latencies.sort((a, b) => a - b), failed };
    };
    const atRest = await load(new Promise((resolve) => setTimeout(resolve, 1000)));
    const reindexStarted = performance.now();
    const reindex = index.rebuild(randomUUID());
    const during = await load(reindex);
    const outcome = await reindex;
    const reindexMs = performance.now() - reindexStarted;
    const { latencies, failed } = during;
    const latency = (sorted: number[]) =>
      `p50 ${percentile(sorted, 50).toFixed(2)} ms, p99 ${percentile(sorted, 99).toFixed(2)} ms, max ${(sorted.at(-1) ?? 0).toFixed(2)} ms`;
    const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
    if (options.json) {
      const figures = (sorted: number[]) => ({ p50Ms: Number(percentile(sorted, 50).toFixed(2)), p99Ms: Number(percentile(sorted, 99).toFixed(2)), maxMs: Number((sorted.at(-1) ?? 0).toFixed(2)) });
      process.stdout.write(
        `${JSON.stringify({
          catalogue: options.catalogue,
          engine: index.engine.kind,
          import: { seconds: Number((importMs / 1000).toFixed(2)), linesRead: report.linesRead, created: report.created, updated: report.updated, rejected: report.rejected, newItemNumbers: report.notes.length },
          reindex: { seconds: Number((reindexMs / 1000).toFixed(2)), products: outcome.productCount },
          queriesDuringReindex: { count: latencies.length, failed, concurrency: options.concurrency, ...figures(latencies) },
          queriesAtRest: { count: atRest.latencies.length, failed: atRest.failed, ...figures(atRest.latencies) },
          heapMb: Math.round(heapMb),
        })}\n`,
      );
      return;
    }
    const rows: [string, string][] = [
      ['catalogue', options.catalogue],
      ['search engine', index.engine.kind],
      ['import', `${(importMs / 1000).toFixed(2)} s (${report.created} created, ${report.updated} updated, ${report.rejected} rejected, ${report.notes.length} given a new item number, of ${report.linesRead} lines)`],
      ['reindex', `${(reindexMs / 1000).toFixed(2)} s for ${outcome.productCount} products (goal ≤ 5 s for 24,628)`],
      ['queries during the reindex', `${latencies.length} over NATS, ${options.concurrency} in flight`],
      ['failed queries', `${failed} (goal 0)`],
      ['latency during the reindex', latency(latencies)],
      ['latency at rest (1 s before)', `${latency(atRest.latencies)} (${atRest.latencies.length} queries, ${atRest.failed} failed)`],
      ['heap after', `${heapMb.toFixed(0)} MB`],
    ];
    const width = Math.max(...rows.map(([name]) => name.length));
    process.stdout.write(`${rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`).join('\n')}\n`);
    if (report.rejectedRows.length > 0) {
      const reasons = new Map<string, number>();
      for (const row of report.rejectedRows) {
        const reason = row.reason.replace(/"[^"]*"/g, '"…"').replace(/line \d+/g, 'line …').replace(/product \S+/g, 'product …');
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      }
      process.stdout.write(`rejected rows by reason:\n${[...reasons].map(([reason, n]) => `  ${n} × ${reason}`).join('\n')}\n`);
    }
  } finally {
    await context.get(MessageBus).deletePrefixStreams().catch((error: unknown) => console.error(`could not delete the bench's streams: ${(error as Error).message}`));
    await context.close();
    await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:reindex failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
