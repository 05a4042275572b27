import { pinyin } from 'pinyin-pro';

/**
 * Toneless pinyin for Han script, folded so near-homophones meet: a recogniser that hears 杀乐华
 * for 沙乐华, or 绸湿机 for 抽湿机, still lands on the same keys. Keys are syllable n-grams over
 * the whole run of characters, so they do not depend on how the text would be segmented into words.
 */

/**
 * Folds the contrasts Mandarin speakers and recognisers confuse most, the fuzzy pinyin of input
 * methods: retroflex/flat initials (zh/z, ch/c, sh/s), l/n and r/l initials, f/h, and -ng/-n
 * finals (an/ang, en/eng, in/ing). Tones are already gone.
 */
export function foldSyllable(syllable: string): string {
  return syllable
    .replace(/^zh/, 'z')
    .replace(/^ch/, 'c')
    .replace(/^sh/, 's')
    .replace(/^[lr](?=[aeiouv])/, 'n')
    .replace(/^f/, 'h')
    .replace(/ng$/, 'n')
    .replace(/ü/g, 'v');
}

/** The folded toneless syllables of a run of Han characters, one per character, read in context. */
export function hanSyllables(run: string): string[] {
  const chars = [...run];
  const syllables = pinyin(run, { toneType: 'none', type: 'array', v: true }) as string[];
  if (syllables.length !== chars.length) return chars.map((char) => foldSyllable(pinyin(char, { toneType: 'none', v: true })));
  return syllables.map(foldSyllable);
}

/** Chinese-script search keys of one Han run: character and folded-pinyin unigrams and bigrams. */
export interface HanKeys {
  readonly chars: string[];
  readonly syllables: string[];
}

/** Splits a Han run into its characters and their folded syllables, aligned by position. */
export function hanKeys(run: string): HanKeys {
  return { chars: [...run], syllables: hanSyllables(run) };
}
