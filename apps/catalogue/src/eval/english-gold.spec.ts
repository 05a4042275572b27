import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EnglishGold, goldWords, parseSameProduct } from './english-gold';

const EVAL_DIR = process.env.CALLCART_EVAL_DIR ?? resolve(process.cwd(), '..', 'shared', 'eval');
const files = ['catalogue-en.jsonl', 'catalogue-en-duplicates.json', 'queries-en.jsonl'].map((name) => `${EVAL_DIR}/${name}`);
const available = files.every((path) => existsSync(path));
const readLines = <T>(path: string): T[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);

describe('the English gold rule', () => {
  const catalogue = [
    { id: 'p1', name: 'wall speakers pair white', brand: 'acme' },
    { id: 'p2', name: 'acme wall speaker', brand: null },
    { id: 'p3', name: 'usb pen 4gb', brand: 'edge' },
    { id: 'p4', name: 'gas cylinder', brand: 'acme' },
    { id: 'p5', name: 'acme in-wall speaker kit', brand: 'acme' },
  ];

  it('reads a final s off words of more than three letters, and letters apart from digits', () => {
    expect(goldWords('Wall Speakers 4GB op4cl gas')).toEqual(['wall', 'speaker', '4', 'gb', 'op', '4', 'cl', 'gas']);
  });

  it('counts every listing holding the words said, whatever their plural, and their duplicates', () => {
    const gold = new EnglishGold(catalogue, new Map([['p2', ['p4']]]));
    expect(gold.for(['acme', 'wall', 'speakers'])).toEqual(['p1', 'p2', 'p5', 'p4']);
    expect(gold.for(['edge', '4gb'])).toEqual(['p3']);
    expect(gold.for(['gb', 'usb'])).toEqual(['p3']);
    expect(gold.for(['gas', 'cylinders'])).toEqual(['p4']);
    expect(gold.for(['ga', 'cylinder'])).toEqual([]);
  });

  it('refuses a duplicates file that is not an object of id lists', () => {
    expect(() => parseSameProduct('[1]')).toThrow('one JSON object');
    expect(() => parseSameProduct('{"a": [1]}')).toThrow('duplicates of a');
    expect(parseSameProduct('{"a": ["b"], "b": ["a"]}').get('b')).toEqual(['a']);
  });

  it(available ? 'reproduces every gold set of ../shared/eval/queries-en.jsonl' : `is NOT MEASURED: the evaluation files are not in ${EVAL_DIR}`, () => {
    if (!available) console.warn(`English gold rule NOT CHECKED: the evaluation files are not in ${EVAL_DIR} (set CALLCART_EVAL_DIR)`);
    const products = available ? readLines<{ id: string; name: string; brand: string | null }>(files[0]) : [];
    const gold = new EnglishGold(products, available ? parseSameProduct(readFileSync(files[1], 'utf8')) : new Map());
    const queries = available ? readLines<{ qid: string; content: string; gold: string[] }>(files[2]) : [];
    const differing = queries.filter((query) => {
      const mine = gold.for(query.content.split(' '));
      return mine.length !== query.gold.length || !query.gold.every((id) => mine.includes(id));
    });
    expect(differing.map((query) => query.qid)).toEqual([]);
    expect(queries.length).toBe(available ? 300 : 0);
  });
});
