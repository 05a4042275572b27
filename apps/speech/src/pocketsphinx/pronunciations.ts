import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * espeak-ng's English phoneme mnemonics (`espeak-ng -x`) mapped to the CMU phone set of the
 * pocketsphinx en-us model. Catalogue words missing from the CMU dictionary (brands such as
 * nivea, nescafe, pringles; model-number letters) get their pronunciation this way: a word that
 * is not in the decoder's dictionary can never be recognised.
 */
const ESPEAK_TO_CMU: Record<string, string> = {
  'i:': 'IY', i: 'IY', I: 'IH', I2: 'IH', 'I#': 'IH', E: 'EH', e: 'EH', a: 'AE', aa: 'AE', 'a#': 'AH', 'a:': 'AA',
  'A:': 'AA', 'A@': 'AA R', '0': 'AA', 'O:': 'AO', O: 'AO', O2: 'AO', 'O@': 'AO R', 'o@': 'AO R', OI: 'OY',
  oU: 'OW', 'u:': 'UW', U: 'UH', 'U@': 'UH R', V: 'AH', '@': 'AH', '@2': 'AH', '@5': 'AH', '@-': 'AH', '@L': 'AH L',
  '3': 'ER', '3:': 'ER', aI: 'AY', aI3: 'AY ER', 'aI@': 'AY AH', aU: 'AW', eI: 'EY', 'e@': 'EH R', 'i@': 'IY AH',
  'i@3': 'IH R', p: 'P', b: 'B', t: 'T', 't#': 'T', t2: 'T', d: 'D', 'd#': 'D', k: 'K', g: 'G', x: 'K', f: 'F',
  v: 'V', T: 'TH', D: 'DH', s: 'S', z: 'Z', S: 'SH', Z: 'ZH', h: 'HH', m: 'M', n: 'N', 'n-': 'N', N: 'NG',
  l: 'L', 'l#': 'L', r: 'R', 'r-': 'R', j: 'Y', w: 'W', tS: 'CH', dZ: 'JH',
};

/** Maps one word's espeak-ng `-x --sep=_` output to CMU phones; empty when nothing maps. */
export function espeakToCmu(espeakPhonemes: string): string {
  return espeakPhonemes
    .replace(/[',;]/g, '')
    .split(/[_\s]+/)
    .map((phoneme) => ESPEAK_TO_CMU[phoneme] ?? '')
    .filter((phones) => phones.length > 0)
    .join(' ');
}

/** Runs espeak-ng once for many words (one clause per line) and maps each to CMU phones. */
export async function generatePronunciations(words: readonly string[], voice = 'en-us'): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  for (let start = 0; start < words.length; start += 2000) {
    const chunk = words.slice(start, start + 2000);
    const output = await new Promise<string>((resolve, reject) => {
      const child = execFile('espeak-ng', ['-q', '-x', '--sep=_', '-v', voice], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout) =>
        error ? reject(new Error(`espeak-ng failed: ${error.message}`)) : resolve(stdout),
      );
      child.stdin?.end(chunk.map((word) => `${word}.`).join('\n') + '\n');
    });
    const lines = output.split('\n').filter((line) => line.trim().length > 0);
    if (lines.length !== chunk.length) {
      // espeak-ng merged or split clauses: fall back to one word per run for this chunk.
      for (const word of chunk) {
        const single = await generatePronunciations.single(word, voice);
        if (single) result.set(word, single);
      }
      continue;
    }
    chunk.forEach((word, index) => {
      const phones = espeakToCmu(lines[index].trim());
      if (phones) result.set(word, phones);
    });
  }
  return result;
}

generatePronunciations.single = (word: string, voice: string): Promise<string> =>
  new Promise((resolve) => {
    execFile('espeak-ng', ['-q', '-x', '--sep=_', '-v', voice, word], (error, stdout) => resolve(error ? '' : espeakToCmu(stdout.trim())));
  });

/** The CMU pronouncing dictionary of the model: word → its pronunciations (`word`, `word(2)`, …). */
export class CmuDictionary {
  private constructor(private readonly entries: Map<string, string[]>) {}

  static load(path: string): CmuDictionary {
    const entries = new Map<string, string[]>();
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      const space = line.indexOf(' ');
      if (space <= 0) continue;
      const word = line.slice(0, space).replace(/\(\d+\)$/, '');
      const phones = line.slice(space + 1).trim();
      const list = entries.get(word);
      if (list) list.push(phones);
      else entries.set(word, [phones]);
    }
    return new CmuDictionary(entries);
  }

  pronunciations(word: string): readonly string[] | undefined {
    return this.entries.get(word);
  }
}

/**
 * Builds the decoder's dictionary text for exactly the words the search uses: CMU entries where
 * they exist, generated ones for the rest. Returns the text and the words that could not be
 * pronounced at all (left out of the search).
 */
export async function buildDictionary(
  words: Iterable<string>,
  cmu: CmuDictionary,
  generate: (words: readonly string[]) => Promise<Map<string, string>> = generatePronunciations,
): Promise<{ text: string; generated: Map<string, string>; unpronounceable: string[] }> {
  const lines: string[] = [];
  const missing: string[] = [];
  for (const word of new Set(words)) {
    const known = cmu.pronunciations(word);
    if (!known) {
      missing.push(word);
      continue;
    }
    known.forEach((phones, index) => lines.push(`${index === 0 ? word : `${word}(${index + 1})`} ${phones}`));
  }
  const generated = missing.length > 0 ? await generate(missing) : new Map<string, string>();
  for (const [word, phones] of generated) lines.push(`${word} ${phones}`);
  const unpronounceable = missing.filter((word) => !generated.has(word));
  return { text: lines.join('\n') + '\n', generated, unpronounceable };
}
