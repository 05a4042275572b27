import { existsSync, readFileSync } from 'node:fs';
import { EmbeddedSearchEngine } from '../search/embedded-search-engine';
import { type EvalQuery, type QuerySetScore, buildEvalIndex, readEvalQueries, scoreQueries } from './match-eval';
import { parseSameProduct } from './english-gold';
import { type GeneratedSetKind, type GeneratorProduct, generateQueries } from './phrasing-generator';
import type { PhrasingPoolName } from './phrasing-pools';

/**
 * Every query set match-eval measures, on one index per catalogue: the shared evaluation queries
 * (../shared/eval, tuned on) and callcart's own generated sets, `dev` (tuned on) and `heldOut`
 * (reported only). Each set is scored with the carrier/filler lists and with them emptied.
 */
export interface SuiteRow {
  readonly set: string;
  readonly field: 'noisy' | 'clean';
  readonly withLists: QuerySetScore;
  readonly withoutLists: QuerySetScore;
}

/** How many queries each generated set has. */
export const GENERATED_SET_SIZES: Readonly<Record<GeneratedSetKind, number>> = { english: 300, 'item-numbers': 120, chinese: 150 };

interface SuiteSet {
  readonly set: string;
  readonly language: 'en' | 'zh';
  readonly field: 'noisy' | 'clean';
  readonly queries: readonly EvalQuery[];
}

/** The sets to run, built from the catalogues in `evalDir`, for the pools asked for. */
export function suiteSets(evalDir: string, pools: readonly PhrasingPoolName[]): SuiteSet[] {
  const sets: SuiteSet[] = [];
  const products = { en: readGeneratorCatalogue(`${evalDir}/catalogue-en.jsonl`), zh: readGeneratorCatalogue(`${evalDir}/catalogue-zh.jsonl`) };
  const duplicates = `${evalDir}/catalogue-en-duplicates.json`;
  const sameProduct = existsSync(duplicates) ? parseSameProduct(readFileSync(duplicates, 'utf8')) : new Map<string, readonly string[]>();
  for (const language of ['en', 'zh'] as const) {
    const path = `${evalDir}/queries-${language}.jsonl`;
    if (!existsSync(path)) continue;
    const queries = readEvalQueries(path);
    for (const field of ['noisy', 'clean'] as const) sets.push({ set: `shared ${language}`, language, field, queries });
  }
  for (const pool of pools) {
    const english = generateQueries('english', products.en, pool, GENERATED_SET_SIZES.english, sameProduct);
    const itemNumbers = generateQueries('item-numbers', products.en, pool, GENERATED_SET_SIZES['item-numbers']);
    const chinese = generateQueries('chinese', products.zh, pool, GENERATED_SET_SIZES.chinese);
    sets.push(
      { set: `${pool} english`, language: 'en', field: 'noisy', queries: english },
      { set: `${pool} english`, language: 'en', field: 'clean', queries: english },
      { set: `${pool} item numbers`, language: 'en', field: 'noisy', queries: itemNumbers },
      { set: `${pool} chinese`, language: 'zh', field: 'noisy', queries: chinese },
      { set: `${pool} chinese`, language: 'zh', field: 'clean', queries: chinese },
    );
  }
  return sets;
}

/** The generator's view of a catalogue file (it needs the Chinese rows' brands and types). */
function readGeneratorCatalogue(path: string): GeneratorProduct[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as GeneratorProduct)
    .filter((row) => typeof row.id === 'string' && typeof row.name === 'string');
}

/** Runs the sets, one index per catalogue language, each set with and without the lists. */
export async function runSuite(evalDir: string, sets: readonly SuiteSet[]): Promise<SuiteRow[]> {
  const rows: SuiteRow[] = [];
  for (const language of ['en', 'zh'] as const) {
    const mine = sets.filter((set) => set.language === language);
    if (mine.length === 0) continue;
    const engine = new EmbeddedSearchEngine();
    try {
      const built = await buildEvalIndex(`${evalDir}/catalogue-${language}.jsonl`, engine);
      let warmUpFrom: typeof built.products | undefined = built.products;
      for (const set of mine) {
        const withLists = await scoreQueries(engine, set.queries, set.field, { carrierLists: true, warmUpFrom });
        warmUpFrom = undefined;
        const withoutLists = await scoreQueries(engine, set.queries, set.field, { carrierLists: false });
        rows.push({ set: set.set, field: set.field, withLists, withoutLists });
      }
    } finally {
      await engine.close();
    }
  }
  return rows;
}

/** The table match-eval prints. */
export function formatSuite(rows: readonly SuiteRow[]): string {
  const pad = (text: string, width: number) => text.padEnd(width);
  const percent = (value: number | null) => (value === null ? '   -' : value.toFixed(1).padStart(5));
  const lines = [`${pad('set', 22)}${pad('field', 7)} n    top-1  top-5 | no lists: top-1  top-5 | qty right | p99 ms`];
  for (const { set, field, withLists: w, withoutLists: o } of rows) {
    lines.push(
      `${pad(set, 22)}${pad(field, 7)}${String(w.queries).padStart(4)}  ${percent(w.top1Percent)}  ${percent(w.top5Percent)} |           ${percent(o.top1Percent)}  ${percent(o.top5Percent)} |     ${percent(w.quantityRightPercent)} | ${w.latencyP99Ms.toFixed(2)}`,
    );
  }
  const p99 = Math.max(...rows.map((row) => Math.max(row.withLists.latencyP99Ms, row.withoutLists.latencyP99Ms)));
  lines.push(`worst p99 per query over all sets: ${p99.toFixed(2)} ms`);
  return lines.join('\n');
}
