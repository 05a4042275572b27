import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { readCatalogueFile } from '../catalogue-file/catalogue-file.reader';
import { ProductMatcher } from '../matching/product-matcher';
import type { IndexedProduct, SearchEngine } from '../search/search-engine';

/**
 * Measures the matcher the service runs on a catalogue file and a query file: top-1/top-5
 * accuracy, per-query latency, index build time and heap. Shared by the match-eval command and
 * the accuracy test. A query is a hit when an id in its `gold` list ranks first (top-1) or among
 * the first five (top-5) of the FIRST mention the matcher finds (a query with no mention misses).
 */
export interface MatchEvalOptions {
  readonly cataloguePath: string;
  readonly queriesPath: string;
  readonly field: 'noisy' | 'clean';
  readonly engine: SearchEngine;
  readonly currency?: string;
  /** false: the carrier/filler lists emptied (default true). */
  readonly carrierLists?: boolean;
}

export interface MatchEvalReport {
  readonly engine: string;
  readonly catalogue: string;
  readonly products: number;
  readonly rejectedRows: number;
  readonly queries: number;
  readonly field: 'noisy' | 'clean';
  readonly top1: number;
  readonly top5: number;
  readonly top1Percent: number;
  readonly top5Percent: number;
  /** Share of queries (that say what quantity they mean) whose first mention read it right; null when none say. */
  readonly quantityRightPercent: number | null;
  readonly noMention: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly buildMs: number;
  readonly heapUsedMb: number;
  readonly misses: readonly { qid: string; text: string; mention: string | null; top: string | null }[];
}

/** One query: what the caller said (clean) and what a recogniser wrote (noisy), and the ids that count. */
export interface EvalQuery {
  readonly qid: string;
  readonly gold: readonly string[];
  readonly clean: string;
  readonly noisy: string;
  /** The quantity the caller said, when the set knows it. */
  readonly quantity?: number;
}

const BATCH = 1000;

/** Loads the catalogue through the catalogue file reader, giving item-number-less rows a placeholder (eval only). */
export async function loadEvalCatalogue(path: string, currency = 'USD'): Promise<{ products: IndexedProduct[]; rejected: number }> {
  const products: IndexedProduct[] = [];
  let rejected = 0;
  for await (const entry of readCatalogueFile(path, { defaultCurrency: currency })) {
    if ('error' in entry) {
      rejected += 1;
      continue;
    }
    const record = entry.record;
    products.push({
      id: record.id ?? `line-${entry.line}`,
      sku: record.sku ?? `evalsku${entry.line}`,
      name: record.name,
      brand: record.brand,
      category: record.category,
      aliases: record.aliases,
      price: record.priceMinor === null ? null : { amountMinor: record.priceMinor, currency: record.currency },
      active: record.active,
      language: record.language,
    });
  }
  return { products, rejected };
}

async function* inBatches(products: readonly IndexedProduct[]): AsyncGenerator<readonly IndexedProduct[]> {
  for (let i = 0; i < products.length; i += BATCH) yield products.slice(i, i + BATCH);
}

/** Builds the engine from the catalogue and runs every query through the service's matcher. */
export async function runMatchEval(options: MatchEvalOptions): Promise<MatchEvalReport> {
  const queries = readEvalQueries(options.queriesPath);
  const built = await buildEvalIndex(options.cataloguePath, options.engine, options.currency);
  const score = await scoreQueries(options.engine, queries, options.field, { carrierLists: options.carrierLists ?? true, warmUpFrom: built.products });
  return { engine: options.engine.kind, catalogue: options.cataloguePath, products: built.products.length, rejectedRows: built.rejected, field: options.field, buildMs: built.buildMs, ...score };
}

/** One query file's queries (.jsonl: {qid, gold[], clean, noisy}). */
export function readEvalQueries(path: string): EvalQuery[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EvalQuery);
}

/** Loads the catalogue into the engine and activates it. */
export async function buildEvalIndex(cataloguePath: string, engine: SearchEngine, currency?: string): Promise<{ products: IndexedProduct[]; rejected: number; buildMs: number }> {
  const { products, rejected } = await loadEvalCatalogue(cataloguePath, currency);
  const buildStarted = performance.now();
  const version = await engine.buildVersion(inBatches(products));
  await engine.activate(version);
  return { products, rejected, buildMs: Math.round(performance.now() - buildStarted) };
}

/** What scoring one query set yields (the report without the catalogue's figures). */
export type QuerySetScore = Omit<MatchEvalReport, 'engine' | 'catalogue' | 'products' | 'rejectedRows' | 'field' | 'buildMs'>;

/** Runs queries through a fresh matcher on a built engine; `carrierLists: false` empties the phrase lists. */
export async function scoreQueries(
  engine: SearchEngine,
  queries: readonly EvalQuery[],
  field: 'noisy' | 'clean',
  options: { carrierLists: boolean; warmUpFrom?: readonly IndexedProduct[] },
): Promise<QuerySetScore> {
  const matcher = new ProductMatcher(engine, { carrierLists: options.carrierLists });
  if (options.warmUpFrom) await warmUp(matcher, options.warmUpFrom);
  const latencies: number[] = [];
  const misses: MatchEvalReport['misses'][number][] = [];
  let top1 = 0;
  let top5 = 0;
  let noMention = 0;
  let quantitySaid = 0;
  let quantityRight = 0;
  for (const query of queries) {
    const text = query[field];
    const started = performance.now();
    const matches = await matcher.match({ text }, { limit: 5, confirmListMax: 5 });
    latencies.push(performance.now() - started);
    const first = matches[0];
    if (!first) noMention += 1;
    if (query.quantity !== undefined) {
      quantitySaid += 1;
      if ((first?.quantity ?? 1) === query.quantity) quantityRight += 1;
    }
    const ids = (first?.hits ?? []).map((hit) => hit.productId);
    const gold = new Set(query.gold);
    if (ids.length > 0 && gold.has(ids[0])) top1 += 1;
    if (ids.slice(0, 5).some((id) => gold.has(id))) top5 += 1;
    else misses.push({ qid: query.qid, text, mention: first?.mention ?? null, top: ids[0] ?? null });
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  const percentile = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : 0);
  const round = (value: number, digits: number) => Number(value.toFixed(digits));
  return {
    queries: queries.length,
    top1,
    top5,
    top1Percent: round((100 * top1) / Math.max(1, queries.length), 1),
    top5Percent: round((100 * top5) / Math.max(1, queries.length), 1),
    quantityRightPercent: quantitySaid === 0 ? null : round((100 * quantityRight) / quantitySaid, 1),
    noMention,
    latencyP50Ms: round(percentile(0.5), 3),
    latencyP99Ms: round(percentile(0.99), 3),
    heapUsedMb: round(process.memoryUsage().heapUsed / 1024 / 1024, 1),
    misses,
  };
}

/**
 * A running service answers warm: before timing, the matcher runs on phrases made from catalogue
 * names (never the query set), so per-query latency measures the steady state, not JIT warm-up.
 */
export async function warmUp(matcher: ProductMatcher, products: readonly IndexedProduct[]): Promise<void> {
  const step = Math.max(1, Math.floor(products.length / WARM_UP_QUERIES));
  for (let i = 0; i < products.length; i += step) {
    const words = products[i].name.split(' ');
    await matcher.match({ text: `do you have ${words.slice(0, 3).join(' ')}` }, { limit: 5, confirmListMax: 5 });
  }
}
const WARM_UP_QUERIES = 200;

/** The human-readable summary match-eval prints. */
export function formatMatchEvalReport(report: MatchEvalReport): string {
  return [
    `match-eval: engine ${report.engine}, ${report.products} products (${report.rejectedRows} rows rejected), ${report.queries} queries, field ${report.field}`,
    `  top-1      ${report.top1Percent.toFixed(1)} %  (${report.top1}/${report.queries})`,
    `  top-5      ${report.top5Percent.toFixed(1)} %  (${report.top5}/${report.queries})`,
    `  latency    p50 ${report.latencyP50Ms.toFixed(3)} ms   p99 ${report.latencyP99Ms.toFixed(3)} ms per query`,
    `  build      ${report.buildMs} ms`,
    `  heap used  ${report.heapUsedMb.toFixed(1)} MB`,
    `  (a hit is scored on the first mention the matcher finds; ${report.noMention} queries had none)`,
  ].join('\n');
}
