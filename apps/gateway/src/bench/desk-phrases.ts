import { readFileSync } from 'node:fs';

/** What a caller says in one utterance, as the recogniser would report it: the best guess first. */
export interface CallerPhrase {
  readonly text: string;
  /** The n-best, `text` first (the transcript contract wants the first alternative to be the text). */
  readonly alternatives: readonly { readonly text: string; readonly confidence: number }[];
}

const CARRIERS = ['do you have', "i'd like", 'can i get', 'i want'];

function jsonLines(path: string): unknown[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as unknown];
      } catch {
        return [];
      }
    });
}

/**
 * Phone-style phrases from an evaluation query set (`{ noisy, clean }` per line): the noisy
 * transcript as the recogniser's best guess, the clean one as its second alternative (an n-best
 * usually holds something close to what was said).
 */
export function phrasesFromQueries(path: string): CallerPhrase[] {
  const phrases = jsonLines(path).flatMap((query) => {
    const { noisy, clean } = (query ?? {}) as { noisy?: unknown; clean?: unknown };
    if (typeof noisy !== 'string' || noisy.trim() === '') return [];
    const alternatives = [{ text: noisy, confidence: 0.82 }];
    if (typeof clean === 'string' && clean.trim() !== '' && clean !== noisy) alternatives.push({ text: clean, confidence: 0.61 });
    return [{ text: noisy, alternatives }];
  });
  if (phrases.length === 0) throw new Error(`${path}: no queries with a "noisy" text`);
  return phrases;
}

/**
 * Phrases built from a catalogue file's product names (JSON Lines or CSV with a `name` column) when
 * there is no query set for it: a carrier phrase and the first three words of a name, from up to
 * `count` products spread over the file.
 */
export function phrasesFromCatalogue(path: string, count = 300): CallerPhrase[] {
  const names = path.endsWith('.csv') ? csvNames(path) : jsonLines(path).map((row) => (row as { name?: unknown })?.name);
  const usable = names.filter((name): name is string => typeof name === 'string' && name.trim() !== '');
  if (usable.length === 0) throw new Error(`${path}: no product names found`);
  const step = Math.max(1, Math.floor(usable.length / count));
  const phrases: CallerPhrase[] = [];
  for (let i = 0; i < usable.length && phrases.length < count; i += step) {
    const words = usable[i].toLowerCase().split(/\s+/).slice(0, 3).join(' ');
    const text = `${CARRIERS[phrases.length % CARRIERS.length]} ${words}`.slice(0, 2000);
    phrases.push({ text, alternatives: [{ text, confidence: 0.8 }] });
  }
  return phrases;
}

/** The `name` column of a CSV file with a header row (quoted fields allowed, no line breaks inside). */
function csvNames(path: string): unknown[] {
  const [header, ...rows] = readFileSync(path, 'utf8').split(/\r?\n/);
  const split = (line: string) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)?.map((field) => field.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"')) ?? [];
  const column = split(header ?? '').indexOf('name');
  if (column < 0) throw new Error(`${path}: no "name" column in the header`);
  return rows.map((row) => split(row)[column]);
}
