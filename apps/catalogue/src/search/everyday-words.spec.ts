import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMON_EVERYDAY_WORDS_LOG10 } from './everyday-english-common.data';
import { FREQUENT_EVERYDAY_WORDS_LOG10 } from './everyday-english-frequent.data';
import { everydayRate, productWordShare } from './everyday-words';

/** A catalogue of 360,000 words, about the size of the 24,628-product evaluation catalogue. */
const CATALOGUE_WORDS = 360_000;
const HALF_SHARE_ODDS = 0.5;
const share = (word: string, count: number) => productWordShare(word, count, CATALOGUE_WORDS, HALF_SHARE_ODDS);

describe('productWordShare', () => {
  it('leaves little of a word people say all the time that the catalogue seldom has', () => {
    expect(share('got', 3)).toBeLessThan(0.02);
    expect(share('husband', 2)).toBeLessThan(0.1);
    expect(share('website', 1)).toBeLessThan(0.2);
  });

  it('keeps nearly all of a word the catalogue uses far more than talk does', () => {
    expect(share('black', 2_000)).toBeGreaterThan(0.95);
    expect(share('cable', 1_500)).toBeGreaterThan(0.95);
  });

  it('keeps all of a word everyday English seldom uses, and of a word the catalogue lacks (its sound-alikes are evidence)', () => {
    expect(share('otterbox', 3)).toBe(1);
    expect(share('got', 0)).toBe(1);
    expect(productWordShare('got', 3, 0, HALF_SHARE_ODDS)).toBe(1);
  });

  it('gives a word half its weight where its odds of coming from the catalogue are the half-share odds', () => {
    const count = HALF_SHARE_ODDS * (everydayRate('quick') ?? NaN) * CATALOGUE_WORDS;
    expect(share('quick', count)).toBeCloseTo(0.5, 9);
    expect(share('quick', 4 * count)).toBeGreaterThan(share('quick', count));
  });
});

describe('the everyday English tables', () => {
  const lines = [FREQUENT_EVERYDAY_WORDS_LOG10, COMMON_EVERYDAY_WORDS_LOG10].flatMap((table) => table.split('\n')).filter((line) => line.trim() !== '');

  it('list thousands of words, commonest first, as the matcher tokenizes them', () => {
    const words = lines.flatMap((line) => line.split(' ').slice(1));
    expect(words.length).toBeGreaterThan(4_000);
    expect(new Set(words).size).toBe(words.length);
    expect(words[0]).toBe('the');
    expect(words.every((word) => /^[a-z]+$/.test(word))).toBe(true);
    const log10s = lines.map((line) => Number(line.split(' ')[0]));
    // A band wrapped over several lines repeats its figure; otherwise each line is rarer than the last.
    expect(log10s.every((value, i) => Number.isFinite(value) && value < 0 && value >= -5 && (i === 0 || value <= log10s[i - 1]))).toBe(true);
    expect(everydayRate('the')).toBeCloseTo(10 ** -1.39, 9);
    expect(everydayRate('got')).toBeGreaterThan(10 ** -4);
    expect(everydayRate('otterbox')).toBeUndefined();
  });

  it('split at one word in 10,000 of talk: the frequent ones above, the common ones below', () => {
    const log10sOf = (table: string) => table.split('\n').filter((line) => line.trim() !== '').map((line) => Number(line.split(' ')[0]));
    expect(Math.min(...log10sOf(FREQUENT_EVERYDAY_WORDS_LOG10))).toBeGreaterThanOrEqual(-4);
    expect(Math.max(...log10sOf(COMMON_EVERYDAY_WORDS_LOG10))).toBeLessThan(-4);
  });

  // The model comes with pocketsphinx-en-us, which .ci/run installs (the speech service needs it too).
  const model = '/usr/share/pocketsphinx/model/en-us/en-us.lm.bin';

  it('are what the generator writes from the pocketsphinx language model', () => {
    expect(existsSync(model)).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'everyday-english-'));
    try {
      execFileSync(process.execPath, ['tools/generate-everyday-english.mjs', '--model', model, '--out-dir', dir], { stdio: 'pipe' });
      for (const file of ['everyday-english-frequent.data.ts', 'everyday-english-common.data.ts']) {
        expect(readFileSync(join(dir, file), 'utf8')).toBe(readFileSync(join(__dirname, file), 'utf8'));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
