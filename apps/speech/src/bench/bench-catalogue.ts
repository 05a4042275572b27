import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ALL_STREAMS, vocabularyGetV1 } from '@callcart/contracts';
import type { BenchStack } from '@callcart/benchmarking';
import { MessageBus } from '@callcart/messaging';
import { VOCABULARY_LIMIT } from '../vocabulary/catalogue-vocabulary.source';

/**
 * The speech bench's catalogue: the products read from the file, the subset the catalogue service
 * imports (the spoken ones and distractors), the service set up with it, and the vocabulary it
 * hands the recogniser.
 */

export interface CatalogueProduct {
  readonly id: string;
  readonly name: string;
  readonly sku: string;
  /** The file's line, imported as it is. */
  readonly line: string;
}

/** A tiny JSONL reader: one product object per line, `id` and `name` used. */
export function readCatalogue(path: string): CatalogueProduct[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      const product = JSON.parse(line) as { id?: string; name?: string; sku?: string };
      return { id: product.id ?? '', name: product.name ?? '', sku: product.sku ?? '', line };
    })
    .filter((product) => product.name.length > 0);
}

/** `catalogue-en.jsonl` → `catalogue-en-duplicates.json` beside it (id → other listings of the same product), if there. */
export function readSameProducts(cataloguePath: string): Record<string, string[]> {
  const path = join(dirname(cataloguePath), cataloguePath.split('/').pop()!.replace(/\.jsonl$/, '-duplicates.json'));
  return path !== cataloguePath && existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, string[]>) : {};
}

/**
 * The products imported for matching: the spoken ones, then distractors from the same file in a
 * fixed pseudo-random order until `total`, so matching is not trivial and every run is the same.
 */
export function importSubset(products: readonly CatalogueProduct[], spoken: ReadonlySet<number>, total: number): CatalogueProduct[] {
  if (total >= products.length) return [...products];
  // A seeded shuffle of the other products (the LCG's high bits: its low bits repeat with short
  // periods, which left a loop drawing "random" indices that never reached every product).
  const others = products.map((_, index) => index).filter((index) => !spoken.has(index));
  let state = 20261124;
  for (let i = others.length - 1; i > 0; i -= 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = Math.floor(((state >>> 8) / 2 ** 23) * (i + 1));
    [others[i], others[j]] = [others[j], others[i]];
  }
  const chosen = [...spoken, ...others.slice(0, Math.max(0, total - spoken.size))];
  return chosen.map((index) => products[index]);
}

/**
 * Creates the database, imports the subset with the catalogue CLI and starts the service, with
 * the mention gate's bars when `mentionGate` names them (`SURE,ORDER_LED`; decision 0047).
 */
export async function setUpCatalogue(catalogue: BenchStack, subset: readonly CatalogueProduct[], mentionGate: string, log: (line: string) => void): Promise<void> {
  const started = Date.now();
  await catalogue.createDatabase();
  const folder = mkdtempSync(join(tmpdir(), 'speech-bench-'));
  try {
    const file = join(folder, 'products.jsonl');
    writeFileSync(file, `${subset.map((product) => product.line).join('\n')}\n`);
    const report = await catalogue.importCatalogue(file, ['--currency', 'USD', '--duplicate-item-numbers', 'assign-new']);
    const summary = report.split('\n').find((line) => /created/.test(line))?.trim();
    log(`catalogue service: ${subset.length} products imported with the catalogue CLI${summary ? ` (${summary})` : ''}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  const [sure, orderLed] = mentionGate.split(',');
  const gateEnv: Record<string, string> = mentionGate ? { MENTION_SURE_SCORE: sure, MENTION_ORDER_LED_SCORE: orderLed ?? sure } : {};
  await catalogue.start('catalogue', gateEnv);
  log(`catalogue service${mentionGate ? ` (mention gate ${mentionGate})` : ''}: healthy (database + import + start ${Date.now() - started} ms)`);
}

/**
 * The speech service's own vocabulary: what the catalogue service answers (names, brands,
 * aliases of the products it holds), as the speech service asks for it.
 */
export async function catalogueVocabulary(catalogue: BenchStack, natsUrl: string): Promise<readonly string[]> {
  const bus = await MessageBus.connect({ servers: natsUrl, prefix: catalogue.prefix, serviceName: 'speech-bench', streams: ALL_STREAMS });
  try {
    const reply = await bus.request(vocabularyGetV1, { language: 'en', limit: VOCABULARY_LIMIT }, { timeoutMs: 30_000 });
    if (!reply.ok) throw new Error(`vocabulary from the catalogue service: ${reply.code} ${reply.message}`);
    return reply.phrases;
  } finally {
    await bus.close();
  }
}
