import { EVERYDAY_ENGLISH_LOG10 } from './everyday-english.data';

/** Per word, how often everyday English uses it (a probability), for its commonest few thousand words. */
const EVERYDAY_ENGLISH: ReadonlyMap<string, number> = new Map(
  EVERYDAY_ENGLISH_LOG10.split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => {
      const [log10, ...words] = line.split(' ');
      const probability = 10 ** Number(log10);
      return words.map((word) => [word, probability] as const);
    }),
);

/**
 * How much a word the caller said counts as naming a product, between 0 and 1 (decision 0016).
 * A catalogue's idf alone cannot tell that "got", "husband", "website" or "quick" (in "quick one,
 * have you got …") are talk: a word that few products have is rare, so heavy, whether callers
 * name products with it or say it in every call. What tells them apart is how often the
 * catalogue uses the word against how often everyday English does: the odds that the word came
 * from a product name rather than from talk, `catalogueRate / everydayRate`, turned into a share
 * with `odds / (odds + halfShareOdds)`. "black" or "cable" (far commoner in a catalogue than in
 * talk) keep almost all their weight, "got" or "again" keep little. A word that everyday English
 * uses rarely (not among its commonest few thousand) keeps all its weight.
 *
 * @param catalogueCount how many times the catalogue has the word (its products holding it)
 * @param catalogueWords how many words the catalogue has in all (the same count over every word)
 */
export function productWordShare(word: string, catalogueCount: number, catalogueWords: number, halfShareOdds: number): number {
  const everydayRate = EVERYDAY_ENGLISH.get(word);
  if (everydayRate === undefined || catalogueCount <= 0 || catalogueWords <= 0) return 1;
  const odds = catalogueCount / catalogueWords / everydayRate;
  return odds / (odds + halfShareOdds);
}
