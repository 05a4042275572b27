import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { type SuiteRow, runSuite, suiteSets } from './match-eval-suite';

/** The evaluation data, beside the repository (`../shared/eval`), or where CALLCART_EVAL_DIR says. */
const EVAL_DIR = process.env.CALLCART_EVAL_DIR ?? resolve(process.cwd(), '..', 'shared', 'eval');

/**
 * Accuracy floors on every set match-eval measures (docs/decisions/0012, 0014–0019, 0022): the shared evaluation
 * queries and callcart's generated sets (dev, tune2, tune3 and tune4, tuned on; held-out), with the carrier lists and without.
 * A little under what the matcher reaches, so a regression fails. When the data is not on this
 * machine the one test says so and passes, printing why; in CI the data is at ../shared/eval.
 */
const files = ['catalogue-en.jsonl', 'queries-en.jsonl', 'catalogue-zh.jsonl', 'queries-zh.jsonl'].map((name) => `${EVAL_DIR}/${name}`);
const available = files.every((path) => existsSync(path));

/** [set, field, top-1, top-5, top-1 without lists, top-5 without lists] */
const FLOORS: readonly (readonly [string, 'noisy' | 'clean', number, number, number, number])[] = [
  ['shared en', 'noisy', 88.5, 96, 88.5, 96],
  ['shared en', 'clean', 98.5, 99.5, 98.5, 99.5],
  ['shared zh', 'noisy', 96, 99, 94, 99],
  ['shared zh', 'clean', 98, 99, 97.5, 99],
  ['dev english', 'noisy', 94, 97, 94, 97],
  ['dev english', 'clean', 98.5, 99, 98, 99],
  ['dev item numbers', 'noisy', 93.5, 96.5, 93.5, 96.5],
  ['dev chinese', 'noisy', 98, 99, 97.5, 99],
  ['dev chinese', 'clean', 99.5, 99.5, 99.5, 99.5],
  ['tune2 english', 'noisy', 93, 96.5, 92.5, 96.5],
  ['tune2 english', 'clean', 98.5, 99, 98, 99],
  ['tune2 item numbers', 'noisy', 91, 94, 91.5, 94],
  ['tune2 chinese', 'noisy', 97.5, 99, 97.5, 99],
  ['tune2 chinese', 'clean', 98.5, 99, 98.5, 99],
  ['tune3 english', 'noisy', 92.5, 96.5, 92.5, 97],
  ['tune3 english', 'clean', 98, 99.5, 98, 99.5],
  ['tune3 item numbers', 'noisy', 92.5, 94.5, 92.5, 94.5],
  ['tune3 chinese', 'noisy', 98.5, 99, 98.5, 99.5],
  ['tune3 chinese', 'clean', 98.5, 99.5, 98.5, 99.5],
  ['tune4 english', 'noisy', 92, 97.5, 91.5, 97.5],
  ['tune4 english', 'clean', 97.5, 99.5, 97.5, 99.5],
  ['tune4 item numbers', 'noisy', 89.5, 91, 89.5, 91],
  ['tune4 chinese', 'noisy', 87.5, 99.5, 87.5, 99.5],
  ['tune4 chinese', 'clean', 90.5, 99.5, 90.5, 99.5],
  // The held-out pool: set from its figures after the matcher was final (decisions 0014–0019, 0022); never tuned on.
  ['heldOut english', 'noisy', 90, 97, 90, 97],
  ['heldOut english', 'clean', 96.5, 99, 96.5, 99],
  ['heldOut item numbers', 'noisy', 93.5, 95, 94.5, 96],
  ['heldOut chinese', 'noisy', 96.5, 99.5, 96.5, 99.5],
  ['heldOut chinese', 'clean', 98.5, 99.5, 98.5, 99.5],
];

describe('match accuracy on the evaluation sets', () => {
  let rows: SuiteRow[] = [];

  beforeAll(async () => {
    if (available) rows = await runSuite(EVAL_DIR, suiteSets(EVAL_DIR, ['dev', 'tune2', 'tune3', 'tune4', 'heldOut']));
  }, 600_000);

  it(available ? 'has the evaluation data' : `is NOT MEASURED: the evaluation files are not in ${EVAL_DIR}`, () => {
    if (!available) console.warn(`match accuracy NOT MEASURED: the evaluation files are not in ${EVAL_DIR} (set CALLCART_EVAL_DIR)`);
    expect(available ? rows.length : 0).toBe(available ? FLOORS.length : 0);
  });

  it.each(FLOORS)('%s %s: top-1 ≥ %d %%, top-5 ≥ %d %%; without the lists ≥ %d / %d %%', (set, field, top1, top5, bareTop1, bareTop5) => {
    if (!available) return;
    const row = rows.find((entry) => entry.set === set && entry.field === field);
    expect(row).toBeDefined();
    console.log(`${set} ${field}: ${row?.withLists.top1Percent} / ${row?.withLists.top5Percent} %, without lists ${row?.withoutLists.top1Percent} / ${row?.withoutLists.top5Percent} %`);
    expect(row?.withLists.top1Percent).toBeGreaterThanOrEqual(top1);
    expect(row?.withLists.top5Percent).toBeGreaterThanOrEqual(top5);
    expect(row?.withoutLists.top1Percent).toBeGreaterThanOrEqual(bareTop1);
    expect(row?.withoutLists.top5Percent).toBeGreaterThanOrEqual(bareTop5);
  });
});
