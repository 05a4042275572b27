/**
 * `npm run match-eval`: every set (../shared/eval and callcart's generated dev and held-out sets),
 * each with and without the carrier/filler lists (match-eval-suite.ts). `--pools dev,tune2,tune3,tune4` runs only
 * the sets tuned on; `--misses` lists their misses (never the held-out set's).
 *
 * `npm run match-eval -- --catalogue FILE --queries FILE [--field noisy|clean] [--no-lists]
 *  [--engine embedded|meilisearch] [--json] [--misses]`: one catalogue and query file.
 */
import { Command, Option } from 'commander';
import { EmbeddedSearchEngine } from '../search/embedded-search-engine';
import { MeilisearchSearchEngine } from '../search/meilisearch-search-engine';
import type { SearchEngine } from '../search/search-engine';
import { formatMatchEvalReport, runMatchEval } from './match-eval';
import { formatSuite, runSuite, suiteSets } from './match-eval-suite';
import { PHRASING_POOLS, type PhrasingPoolName } from './phrasing-pools';

async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('match-eval')
    .option('--catalogue <file>', 'catalogue file (.jsonl or .csv), read by the catalogue file reader')
    .option('--queries <file>', 'queries (.jsonl): {qid, clean, noisy, gold[]}; without it, the whole suite runs')
    .option('--eval-dir <dir>', 'the suite: where the evaluation catalogues and queries are', '../shared/eval')
    .addOption(new Option('--pools <pools>', 'the suite: generated pools to run').default('dev,tune2,tune3,tune4,heldOut'))
    .option('--no-lists', 'empty the carrier/filler lists')
    .addOption(new Option('--field <field>', 'which transcript to match').choices(['noisy', 'clean']).default('noisy'))
    .addOption(new Option('--engine <engine>', 'search engine').choices(['embedded', 'meilisearch']).default('embedded'))
    .option('--currency <code>', 'currency of prices in the catalogue', 'USD')
    .option('--json', 'print one JSON object')
    .option('--misses', 'also list the queries missed in the top 5')
    .exitOverride();
  program.parse(argv, { from: 'user' });
  const options = program.opts<{
    catalogue?: string; queries?: string; evalDir: string; pools: string; lists: boolean; field: 'noisy' | 'clean'; engine: string; currency: string; json?: boolean; misses?: boolean;
  }>();
  if (!options.queries || !options.catalogue) {
    const pools = options.pools.split(',').map((pool) => pool.trim());
    const unknown = pools.filter((pool) => !Object.hasOwn(PHRASING_POOLS, pool));
    if (unknown.length > 0) throw new Error(`unknown pool(s) ${unknown.join(', ')}; known: ${Object.keys(PHRASING_POOLS).join(', ')}`);
    const rows = await runSuite(options.evalDir, suiteSets(options.evalDir, pools as PhrasingPoolName[]));
    console.log(options.json ? JSON.stringify(rows.map(({ withLists, withoutLists, ...row }) => ({ ...row, withLists: { ...withLists, misses: undefined }, withoutLists: { ...withoutLists, misses: undefined } }))) : formatSuite(rows));
    if (options.misses) {
      for (const row of rows.filter((entry) => !entry.set.startsWith('heldOut'))) {
        for (const miss of row.withLists.misses) console.log(`  miss ${row.set} ${row.field} ${miss.qid}: "${miss.text}" → mention "${miss.mention}" → top ${miss.top}`);
      }
    }
    return 0;
  }
  const engine = createEvalEngine(options.engine);
  try {
    const report = await runMatchEval({ cataloguePath: options.catalogue, queriesPath: options.queries, field: options.field, engine, currency: options.currency, carrierLists: options.lists });
    if (options.json) {
      const { misses, ...summary } = report;
      console.log(JSON.stringify(options.misses ? report : { ...summary, missCount: misses.length }));
    } else {
      console.log(formatMatchEvalReport(report));
      if (options.misses) for (const miss of report.misses) console.log(`  miss ${miss.qid}: "${miss.text}" → mention "${miss.mention}" → top ${miss.top}`);
    }
    return 0;
  } finally {
    await engine.close();
  }
}

function createEvalEngine(kind: string): SearchEngine {
  if (kind === 'embedded') return new EmbeddedSearchEngine();
  const url = process.env.MEILI_URL;
  if (!url) throw new Error('--engine meilisearch needs MEILI_URL (and MEILI_API_KEY) in the environment');
  return new MeilisearchSearchEngine({ url, apiKey: process.env.MEILI_API_KEY ?? '', indexPrefix: 'match_eval_products' });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const code = (error as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.version') process.exit(0);
    console.error(`match-eval: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
