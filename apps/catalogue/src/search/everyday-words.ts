import { COMMON_EVERYDAY_WORDS_LOG10 } from './everyday-english-common.data';
import { FREQUENT_EVERYDAY_WORDS_LOG10 } from './everyday-english-frequent.data';

/**
 * Per word, how often everyday English uses it (a probability), for its commonest few thousand
 * words: the frequent ones (at least one word in 10,000 of talk) and the common ones (down to one
 * in 100,000). Per table line: log10 of the probability, then the words with it.
 */
const EVERYDAY_ENGLISH: ReadonlyMap<string, number> = new Map(
  [FREQUENT_EVERYDAY_WORDS_LOG10, COMMON_EVERYDAY_WORDS_LOG10]
    .flatMap((table) => table.split('\n'))
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
  const rate = everydayRate(word);
  if (rate === undefined || catalogueCount <= 0 || catalogueWords <= 0) return 1;
  const odds = catalogueCount / catalogueWords / rate;
  return odds / (odds + halfShareOdds);
}

/**
 * A word everyday English uses at least this often (three in 10,000 words of talk: "get", "tell",
 * "think", "want") is talk rather than a name when nothing says otherwise (decisions 0017, 0022).
 */
export const TALK_RATE = 3e-4;

/** Whether everyday English uses the word at least TALK_RATE. */
export function isEverydayTalk(word: string): boolean {
  return (everydayRate(word) ?? 0) >= TALK_RATE;
}

/** How often everyday English uses the word (a probability), when it is among the words the tables hold. */
export function everydayRate(word: string): number | undefined {
  return EVERYDAY_ENGLISH.get(word);
}
